using Microsoft.Extensions.Options;

namespace Berth.Index.Accounts;

/// <summary>bcrypt, as htpasswd -B writes it; verification also runs for unknown users so timing does not reveal them.</summary>
public sealed class PasswordHasher
{
    public const int MinimumLength = 8;

    /// <summary>bcrypt looks at 72 bytes only; longer passwords are refused rather than silently truncated.</summary>
    public const int MaximumLength = 72;

    private readonly int _workFactor;
    private readonly Lazy<string> _dummyHash;

    public PasswordHasher(IOptions<IndexOptions> options)
    {
        _workFactor = options.Value.BcryptWorkFactor;
        _dummyHash = new Lazy<string>(() => BCrypt.Net.BCrypt.HashPassword("berth-dummy-password", _workFactor));
    }

    public string Hash(string password)
    {
        if (password.Length < MinimumLength || System.Text.Encoding.UTF8.GetByteCount(password) > MaximumLength)
        {
            throw new IndexException($"A password needs {MinimumLength} to {MaximumLength} bytes.");
        }

        return BCrypt.Net.BCrypt.HashPassword(password, _workFactor);
    }

    public bool Verify(string password, string? hash)
    {
        if (password.Length > 1024)
        {
            return false;
        }

        try
        {
            return BCrypt.Net.BCrypt.Verify(password, hash ?? _dummyHash.Value) && hash is not null;
        }
        catch (BCrypt.Net.SaltParseException)
        {
            return false;
        }
    }
}
