namespace Berth.Interop.Tests.Layout;

/// <summary>An image written into a layout, with the files its layers hold (path in the rootfs to content).</summary>
public sealed record OciImage(OciDescriptor Manifest, OciDescriptor Config, IReadOnlyList<OciDescriptor> Layers, IReadOnlyDictionary<string, byte[]> Files)
{
    /// <summary>The config's rootfs diff_ids, so an image built on this one can list them first.</summary>
    public IReadOnlyList<string> DiffIds { get; init; } = [];
}
