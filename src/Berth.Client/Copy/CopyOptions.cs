using System.Runtime.InteropServices;
using Berth.Client.Compression;

namespace Berth.Client.Copy;

/// <summary>What a copy takes along and how hard it works.</summary>
public sealed record CopyOptions
{
    /// <summary>Blobs transferred at once.</summary>
    public int Jobs { get; init; } = 4;

    /// <summary>Copy every platform of an index (and the index itself).</summary>
    public bool AllPlatforms { get; init; }

    /// <summary>os/arch[/variant] to pick from an index; default the machine's own (linux/amd64 here).</summary>
    public string Platform { get; init; } = "linux/" + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant() switch
    {
        "x64" => "amd64",
        "arm64" => "arm64",
        var other => other,
    };

    /// <summary>Also copy the manifests whose subject is a copied manifest (signatures, SBOMs).</summary>
    public bool Referrers { get; init; }

    public CompressionSettings Compression { get; init; } = new();

    public RetryPolicy Retry { get; init; } = new();
}
