using Berth.Registry.Content;

namespace Berth.Registry.Names;

/// <summary>The &lt;reference&gt; of a manifest URL: a tag or a digest.</summary>
public sealed record Reference
{
    private Reference(Tag? tag, Digest? digest)
    {
        Tag = tag;
        Digest = digest;
    }

    public Tag? Tag { get; }

    public Digest? Digest { get; }

    public bool IsDigest => Digest is not null;

    /// <summary>Parses a tag or digest; a value with ':' is a digest and must be a valid one (DIGEST_INVALID otherwise).</summary>
    public static Reference Parse(string value)
    {
        if (value.Contains(':', StringComparison.Ordinal))
        {
            return new Reference(null, Content.Digest.Parse(value));
        }

        return new Reference(Names.Tag.Parse(value), null);
    }

    public override string ToString() => Digest?.ToString() ?? Tag!.Value;
}
