namespace Berth.Index.Tests.Infrastructure;

/// <summary>An image's config, layer and manifest, as pushed.</summary>
internal sealed record ImageBytes(byte[] Config, byte[] Layer, byte[] Manifest);
