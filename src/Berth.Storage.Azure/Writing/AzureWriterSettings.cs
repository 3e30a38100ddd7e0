using Azure.Storage.Blobs;

namespace Berth.Storage.Azure.Writing;

internal sealed record AzureWriterSettings(BlobContainerClient Container, BlobContainerClient Staging, string Prefix, int BlockSize, TimeProvider Time)
{
    /// <summary>The record of a closed, uncommitted writer: its text is the name of the staging blob to continue.</summary>
    public string PendingName(string relative) => Prefix + "pending/" + relative;

    /// <summary>Where writers for a path stage their blocks, one blob per writer.</summary>
    public string BlocksPrefix(string relative) => Prefix + "blocks/" + relative + "/";
}
