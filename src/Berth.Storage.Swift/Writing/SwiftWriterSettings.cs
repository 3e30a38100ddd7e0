using Berth.Storage.Swift.Client;

namespace Berth.Storage.Swift.Writing;

internal sealed record SwiftWriterSettings(
    SwiftObjectStore Store, string Container, string SegmentContainer, string Prefix, long SegmentSize, int MaxManifestSegments);
