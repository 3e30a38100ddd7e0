namespace Berth.Storage.Swift.Client;

/// <summary>An object's HEAD; <see cref="Writer"/> is the id of the writer whose commit published it, if one did.</summary>
internal sealed record SwiftHead(long Length, DateTimeOffset LastModified, bool IsStaticLargeObject, string? Writer);
