using Berth.Tokens;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Index.Htpasswd;

/// <summary>
/// An htpasswd file as "htpasswd -B" writes it (user:$2y$...), the format distribution's htpasswd auth reads. Only bcrypt
/// entries count; others (MD5 "$apr1$", SHA1 "{SHA}", crypt) are refused with a warning, as distribution can verify
/// nothing but bcrypt. The file is re-read when its modification time or length changes, so users can be added or
/// removed without a restart. A file that disappears or cannot be read refuses everyone until it is back.
/// </summary>
public sealed class HtpasswdFile
{
    /// <summary>
    /// Writers such as htpasswd rewrite the file in place; two writes within the file system's timestamp granularity share
    /// one modification time, so a file this young is re-read on every request until it has settled.
    /// </summary>
    private static readonly TimeSpan s_settleTime = TimeSpan.FromSeconds(2);
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly ILogger<HtpasswdFile> _logger;
    private readonly Lock _lock = new();
    private Dictionary<string, string> _entries = new(StringComparer.Ordinal);
    private (DateTime WriteTime, long Length) _loaded = (DateTime.MinValue, -1);

    public HtpasswdFile(IOptions<AuthOptions> options, TimeProvider time, ILogger<HtpasswdFile> logger)
    {
        _path = Path.GetFullPath(options.Value.HtpasswdPath ?? throw new InvalidOperationException("Auth:HtpasswdPath is required for Auth:Mode=Htpasswd."));
        _time = time;
        _logger = logger;
        if (!File.Exists(_path))
        {
            throw new FileNotFoundException($"The htpasswd file '{_path}' does not exist (create it with: htpasswd -cB {_path} USER).", _path);
        }

        Entries();
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
        lock (_lock)
        {
            var file = new FileInfo(_path);
            if (!file.Exists)
            {
                if (_loaded.Length >= 0)
                {
                    Log.HtpasswdMissing(_logger, _path);
                }

                _entries = new Dictionary<string, string>(StringComparer.Ordinal);
                _loaded = (DateTime.MinValue, -1);
                return _entries;
            }

            var stamp = (file.LastWriteTimeUtc, file.Length);
            var settling = _time.GetUtcNow().UtcDateTime - stamp.LastWriteTimeUtc < s_settleTime;
            if (stamp != _loaded || settling)
            {
                try
                {
                    _entries = Parse(announce: stamp != _loaded);
                    _loaded = stamp;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Log.HtpasswdUnreadable(_logger, _path, e);
                    _entries = new Dictionary<string, string>(StringComparer.Ordinal);
                    _loaded = (DateTime.MinValue, -1);
                }
            }

            return _entries;
        }
    }

    private Dictionary<string, string> Parse(bool announce)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        var refused = 0;
        foreach (var line in File.ReadLines(_path))
        {
            number++;
            var trimmed = line.Trim();
            var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
            if (trimmed.Length == 0 || trimmed.StartsWith('#') || colon <= 0)
            {
                continue;
            }

            var user = trimmed[..colon];
            var hash = trimmed[(colon + 1)..];
            if (hash.StartsWith("$2", StringComparison.Ordinal))
            {
                entries[user] = hash;
            }
            else
            {
                refused++;
                if (announce)
                {
                    Log.HtpasswdNotBcrypt(_logger, user, number, _path);
                }
            }
        }

        if (announce)
        {
            Log.HtpasswdLoaded(_logger, entries.Count, refused, _path);
        }

        return entries;
    }
}
