using Berth.Registry.Api.Auth;
using Microsoft.Extensions.Options;

namespace Berth.Index.Htpasswd;

/// <summary>
/// An htpasswd file as "htpasswd -B" writes it (user:$2y$...), the format distribution's htpasswd auth reads. Only bcrypt
/// entries count; the file is re-read when it changes so users can be added without a restart.
/// </summary>
public sealed class HtpasswdFile
{
    private readonly string _path;
    private readonly Lock _lock = new();
    private Dictionary<string, string> _entries = new(StringComparer.Ordinal);
    private DateTime _loadedWriteTime = DateTime.MinValue;

    public HtpasswdFile(IOptions<AuthOptions> options)
    {
        _path = Path.GetFullPath(options.Value.HtpasswdPath ?? throw new InvalidOperationException("Auth:HtpasswdPath is required for Auth:Mode=Htpasswd."));
        if (!File.Exists(_path))
        {
            throw new FileNotFoundException($"The htpasswd file '{_path}' does not exist (create it with: htpasswd -cB {_path} USER).", _path);
        }
    }

    /// <summary>True when the user exists with a bcrypt hash the password matches.</summary>
    public bool Verify(string user, string password)
    {
        if (password.Length > 1024)
        {
            return false;
        }

        var hash = Entries().GetValueOrDefault(user);
        try
        {
            return hash is not null && BCrypt.Net.BCrypt.Verify(password, hash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            return false;
        }
    }

    private Dictionary<string, string> Entries()
    {
        var writeTime = File.GetLastWriteTimeUtc(_path);
        lock (_lock)
        {
            if (writeTime != _loadedWriteTime)
            {
                var entries = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var line in File.ReadLines(_path))
                {
                    var trimmed = line.Trim();
                    var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
                    if (colon > 0 && !trimmed.StartsWith('#') && trimmed[(colon + 1)..].StartsWith("$2", StringComparison.Ordinal))
                    {
                        entries[trimmed[..colon]] = trimmed[(colon + 1)..];
                    }
                }

                _entries = entries;
                _loadedWriteTime = writeTime;
            }

            return _entries;
        }
    }
}
