using System.Text;
using System.Text.Json;

namespace Berth.Client.Transports;

/// <summary>
/// Credentials from the files docker, podman and skopeo write on login, searched in their order: REGISTRY_AUTH_FILE,
/// $XDG_RUNTIME_DIR/containers/auth.json, ~/.config/containers/auth.json, then $DOCKER_CONFIG/config.json
/// (~/.docker/config.json). Each holds {"auths":{"HOST":{"auth":"base64(user:password)"}}}.
/// </summary>
internal static class CredentialFiles
{
    public static (string? Username, string? Password)? Find(string host)
    {
        foreach (var path in Candidates())
        {
            if (File.Exists(path) && Read(path, host) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static IEnumerable<string> Candidates()
    {
        if (Environment.GetEnvironmentVariable("REGISTRY_AUTH_FILE") is { Length: > 0 } authFile)
        {
            yield return authFile;
        }

        if (Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime)
        {
            yield return Path.Combine(runtime, "containers", "auth.json");
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        yield return Path.Combine(home, ".config", "containers", "auth.json");
        var docker = Environment.GetEnvironmentVariable("DOCKER_CONFIG") is { Length: > 0 } dockerConfig ? dockerConfig : Path.Combine(home, ".docker");
        yield return Path.Combine(docker, "config.json");
    }

    private static (string?, string?)? Read(string path, string host)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        if (!document.RootElement.TryGetProperty("auths", out var auths) || auths.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var entry in auths.EnumerateObject())
        {
            if (!HostOf(entry.Name).Equals(host, StringComparison.OrdinalIgnoreCase)
                || !entry.Value.TryGetProperty("auth", out var auth) || auth.GetString() is not { Length: > 0 } encoded)
            {
                continue;
            }

            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                return (decoded[..colon], decoded[(colon + 1)..]);
            }
        }

        return null;
    }

    /// <summary>Keys may be "host", "host/path" or "https://host/v1/" (docker's legacy form).</summary>
    private static string HostOf(string key)
    {
        var text = key.Contains("://", StringComparison.Ordinal) ? key[(key.IndexOf("://", StringComparison.Ordinal) + 3)..] : key;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? text : text[..slash];
    }
}
