namespace Berth.Client.Transports;

/// <summary>One side of a copy, named the way skopeo users write it: docker://, oci: or docker-archive:.</summary>
public abstract record ImageLocation
{
    /// <summary>Parses TRANSPORT:DETAILS; throws <see cref="FormatException"/> with a message naming the accepted forms.</summary>
    public static ImageLocation Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("docker://", StringComparison.Ordinal))
        {
            return RegistryLocation.ParseReference(text["docker://".Length..]);
        }

        if (text.StartsWith("oci:", StringComparison.Ordinal))
        {
            var (path, name) = SplitPath(text["oci:".Length..]);
            return new OciLayoutLocation(path, name);
        }

        if (text.StartsWith("docker-archive:", StringComparison.Ordinal))
        {
            var (path, name) = SplitPath(text["docker-archive:".Length..]);
            return new DockerArchiveLocation(path, name);
        }

        throw new FormatException(
            $"'{text}' names no transport: use docker://HOST/NAME:TAG (or @DIGEST), oci:DIR[:TAG] or docker-archive:FILE.tar[:NAME:TAG].");
    }

    /// <summary>PATH[:REST]: the path ends at the first colon (paths with colons are not supported, as in skopeo).</summary>
    private static (string Path, string? Name) SplitPath(string text)
    {
        if (text.Length == 0)
        {
            throw new FormatException("The path of an oci: or docker-archive: location is empty.");
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (text, null) : (text[..colon], text[(colon + 1)..] is { Length: > 0 } rest ? rest : null);
    }
}

/// <summary>docker://HOST/NAME[:TAG|@DIGEST]; no tag and no digest means :latest.</summary>
public sealed record RegistryLocation(string Host, string Repository, string? Tag, string? Digest) : ImageLocation
{
    public string Reference => Digest ?? Tag ?? "latest";

    /// <summary>HOST/NAME:TAG or HOST/NAME@DIGEST; the host part is required (no implicit Docker Hub).</summary>
    public static RegistryLocation ParseReference(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == text.Length - 1)
        {
            throw new FormatException($"'{text}' is not HOST/NAME[:TAG|@DIGEST] (the registry host is required, e.g. 127.0.0.1:5000/app:v1).");
        }

        var host = text[..slash];
        var rest = text[(slash + 1)..];
        string? digest = null;
        string? tag = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!digest.StartsWith("sha256:", StringComparison.Ordinal) && !digest.StartsWith("sha512:", StringComparison.Ordinal))
            {
                throw new FormatException($"'{digest}' is not a digest (sha256:HEX).");
            }
        }

        var colon = rest.LastIndexOf(':');
        if (colon >= 0 && colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
        }

        if (rest.Length == 0 || rest.Any(char.IsAsciiLetterUpper) || (tag is not null && tag.Length == 0))
        {
            throw new FormatException($"'{text}' is not HOST/NAME[:TAG|@DIGEST]: the name must be lowercase and the tag not empty.");
        }

        return new RegistryLocation(host, rest, tag, digest);
    }

    public override string ToString() => $"docker://{Host}/{Repository}{(Digest is null ? ":" + (Tag ?? "latest") : "@" + Digest)}";
}

/// <summary>oci:DIR[:TAG] — an OCI image layout; the tag is the org.opencontainers.image.ref.name annotation.</summary>
public sealed record OciLayoutLocation(string Directory, string? Tag) : ImageLocation
{
    public override string ToString() => $"oci:{Directory}{(Tag is null ? string.Empty : ":" + Tag)}";
}

/// <summary>docker-archive:FILE.tar[:NAME:TAG] — the `docker save` format.</summary>
public sealed record DockerArchiveLocation(string File, string? Name) : ImageLocation
{
    public override string ToString() => $"docker-archive:{File}{(Name is null ? string.Empty : ":" + Name)}";
}
