namespace Berth.Storage.Swift.Client;

internal sealed record SwiftHead(long Length, DateTimeOffset LastModified, bool IsStaticLargeObject);
