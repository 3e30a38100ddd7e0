using System.Runtime.CompilerServices;
using System.Text;
using Berth.Registry.Content;
using Berth.Storage;

namespace Berth.Registry.Storage;

/// <summary>The "missing is normal" forms of driver calls the stores need, so they read as plain conditions.</summary>
public static class StorageDriverExtensions
{
    public static async Task<StorageObjectInfo?> TryStatAsync(this IStorageDriver driver, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await driver.StatAsync(path, cancellationToken);
        }
        catch (StorageNotFoundException)
        {
            return null;
        }
    }

    public static async Task<bool> ExistsAsync(this IStorageDriver driver, string path, CancellationToken cancellationToken) =>
        await driver.TryStatAsync(path, cancellationToken) is not null;

    /// <summary>The object at the path, or null when there is none (a directory there is none either): one request on an object store.</summary>
    public static async Task<StorageObjectInfo?> TryStatObjectAsync(this IStorageDriver driver, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await driver.StatObjectAsync(path, cancellationToken);
        }
        catch (StorageNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Whether an object (a link, a blob's data) is at the path; for checks that a directory could never answer.</summary>
    public static async Task<bool> ObjectExistsAsync(this IStorageDriver driver, string path, CancellationToken cancellationToken) =>
        await driver.TryStatObjectAsync(path, cancellationToken) is not null;

    public static async Task<byte[]?> TryGetContentAsync(this IStorageDriver driver, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await driver.GetContentAsync(path, cancellationToken);
        }
        catch (StorageNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Deletes the path; returns false when there was nothing to delete.</summary>
    public static async Task<bool> TryDeleteAsync(this IStorageDriver driver, string path, CancellationToken cancellationToken)
    {
        try
        {
            await driver.DeleteAsync(path, cancellationToken);
            return true;
        }
        catch (StorageNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The names (last path segment) of the children of a folder; none when the folder does not exist.</summary>
    public static async IAsyncEnumerable<string> ListNamesAsync(this IStorageDriver driver, string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var names = new List<string>();
        try
        {
            await foreach (var child in driver.ListAsync(path, cancellationToken))
            {
                names.Add(child[(child.LastIndexOf('/') + 1)..]);
            }
        }
        catch (StorageNotFoundException)
        {
            yield break;
        }

        foreach (var name in names)
        {
            yield return name;
        }
    }

    /// <summary>Reads a link file: a digest in text form. A missing or unreadable link reads as null.</summary>
    public static async Task<Digest?> TryReadLinkAsync(this IStorageDriver driver, string path, CancellationToken cancellationToken)
    {
        var content = await driver.TryGetContentAsync(path, cancellationToken);
        return content is not null && Digest.TryParse(Encoding.UTF8.GetString(content).Trim(), out var digest) ? digest : null;
    }

    public static Task WriteLinkAsync(this IStorageDriver driver, string path, Digest digest, CancellationToken cancellationToken) =>
        driver.PutContentAsync(path, Encoding.UTF8.GetBytes(digest.ToString()), cancellationToken);
}
