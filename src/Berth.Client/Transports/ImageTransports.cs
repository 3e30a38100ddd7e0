using Berth.Client.Copy;

namespace Berth.Client.Transports;

/// <summary>Opens the source or destination a location names.</summary>
public static class ImageTransports
{
    public static IImageSource OpenSource(ImageLocation location, RegistryConnection connection, int jobs)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return location switch
        {
            RegistryLocation registry => new RegistrySource(registry, connection.CreateClient(registry, jobs), connection.Retry),
            OciLayoutLocation layout => new OciLayoutSource(layout),
            DockerArchiveLocation archive => DockerArchiveSource.Open(archive),
            _ => throw new CopyException(CopyFailure.Usage, $"{location} cannot be read."),
        };
    }

    public static IImageDestination OpenDestination(ImageLocation location, RegistryConnection connection, int jobs)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return location switch
        {
            RegistryLocation registry => new RegistryDestination(registry, connection.CreateClient(registry, jobs), connection),
            OciLayoutLocation layout => new OciLayoutDestination(layout),
            DockerArchiveLocation archive => DockerArchiveDestination.Open(archive),
            _ => throw new CopyException(CopyFailure.Usage, $"{location} cannot be written."),
        };
    }

    /// <summary>A registry as a source, over a client the caller keeps and disposes (copies sharing its connections and tokens).</summary>
    public static IImageSource OpenSource(RegistryLocation location, RegistryClient client, RetryPolicy retry) =>
        new RegistrySource(location, client, retry, ownsClient: false);

    /// <summary>A registry as a destination, over a client the caller keeps and disposes.</summary>
    public static IImageDestination OpenDestination(RegistryLocation location, RegistryClient client, RegistryConnection connection) =>
        new RegistryDestination(location, client, connection, ownsClient: false);
}
