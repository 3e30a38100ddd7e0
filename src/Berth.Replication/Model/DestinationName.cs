namespace Berth.Replication.Model;

/// <summary>Where a repository lands at the destination: its own name, or its first path component replaced.</summary>
internal static class DestinationName
{
    /// <summary>"team/app" with namespace "dr" is "dr/app"; a one-component "app" becomes "dr/app".</summary>
    public static string Of(string repository, string? destinationNamespace)
    {
        if (destinationNamespace is null)
        {
            return repository;
        }

        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        return destinationNamespace + "/" + (slash < 0 ? repository : repository[(slash + 1)..]);
    }
}
