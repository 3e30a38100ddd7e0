using System.ComponentModel.DataAnnotations;

namespace Berth.Storage.Azure.Configuration;

/// <summary>Section "Storage:Azure": a Blob Storage account (or Azurite) reached with a shared key.</summary>
public sealed class AzureStorageOptions
{
    public const string SectionName = "Storage:Azure";

    /// <summary>A storage connection string; alternatively give <see cref="AccountName"/> and <see cref="AccountKey"/>.</summary>
    public string? ConnectionString { get; set; }

    public string? AccountName { get; set; }

    public string? AccountKey { get; set; }

    /// <summary>The blob service URL with <see cref="AccountName"/>; https://{AccountName}.blob.core.windows.net when empty.</summary>
    public Uri? BlobEndpoint { get; set; }

    /// <summary>The container that holds every object.</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Container must be an Azure container name: 3-63 lowercase letters, digits and single hyphens.")]
    public string? Container { get; set; }

    /// <summary>The container for uploads in progress; "{Container}-staging" when empty.</summary>
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "StagingContainer must be an Azure container name: 3-63 lowercase letters, digits and single hyphens.")]
    public string? StagingContainer { get; set; }

    /// <summary>A folder inside the containers, so several registries can share them.</summary>
    public string Prefix { get; set; } = string.Empty;

    /// <summary>
    /// Bytes a writer buffers (pooled) before staging them as one block. Memory per active upload; with at most
    /// 50,000 blocks per blob it also bounds the largest blob (8 MiB: about 390 GiB).
    /// </summary>
    [Range(64 * 1024, 256 * 1024 * 1024)]
    public int BlockSize { get; set; } = 8 * 1024 * 1024;

    /// <summary>Creates the containers at first use when they are missing.</summary>
    public bool CreateContainers { get; set; } = true;

    /// <summary>Redirects blob reads to a read-only SAS URL (needs a shared key).</summary>
    public bool RedirectWithSas { get; set; }

    [Range(typeof(TimeSpan), "00:00:10", "7.00:00:00")]
    public TimeSpan SasExpiry { get; set; } = TimeSpan.FromMinutes(20);
}
