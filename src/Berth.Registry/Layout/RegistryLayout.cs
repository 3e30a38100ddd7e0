using Berth.Registry.Content;
using Berth.Registry.Names;

namespace Berth.Registry.Layout;

/// <summary>
/// The one mapping from registry concepts to storage paths. Nothing else builds a path.
/// <code>
/// /v1
///   /blobs/&lt;alg&gt;/&lt;hex[0:2]&gt;/&lt;hex&gt;/data                       every blob and manifest, stored once
///   /repositories/&lt;name&gt;/                                       name may hold '/', never a '_' component
///     _layers/&lt;alg&gt;/&lt;hex&gt;/link                                 blob given to this repository (content: digest)
///     _manifests/revisions/&lt;alg&gt;/&lt;hex&gt;/link                      manifest of this repository (content: digest)
///     _manifests/tags/&lt;tag&gt;/current/link                         the digest the tag points at
///     _manifests/tags/&lt;tag&gt;/index/&lt;alg&gt;/&lt;hex&gt;/link             every digest the tag has pointed at
///     _manifests/condemned/&lt;alg&gt;/&lt;hex&gt;                           a revision link garbage collection set aside (docs/gc.md)
///     _referrers/&lt;alg&gt;/&lt;subject hex&gt;/&lt;alg&gt;/&lt;hex&gt;/link          referrer of a subject (content: descriptor JSON)
///     _uploads/&lt;id&gt;/data                                         bytes of an upload in progress
///     _uploads/&lt;id&gt;/startedat                                    RFC 3339 time the upload began
///   /_mirror/fills/&lt;id&gt;/data                                    a mirror's blob download, moved to /blobs once verified
///   /gc/lease                                                     the garbage collection run that holds the store
///   /gc/blobs/&lt;alg&gt;/&lt;hex&gt;                                         blob data garbage collection set aside (docs/gc.md)
///   /gc/runs/&lt;yyyyMMddTHHmmssfffffffZ&gt;-&lt;run id&gt;.json                 the record of a finished run (the last 100 are kept)
///   /quotas/&lt;namespace&gt;.json                                      the storage quota of a namespace (docs/gc.md)
///   /policies/&lt;namespace&gt;.json                                 immutable tags and retention of a namespace (docs/gc.md)
/// </code>
/// Repository components match [a-z0-9]+ joined by separators, so they never collide with the '_' folders,
/// and upload ids are 32 lowercase hex characters.
/// </summary>
public static class RegistryLayout
{
    public const string Root = "/v1";
    public const string BlobsRoot = Root + "/blobs";
    public const string RepositoriesRoot = Root + "/repositories";
    public const string GcRoot = Root + "/gc";
    public const string GcLease = GcRoot + "/lease";
    public const string CondemnedBlobsRoot = GcRoot + "/blobs";
    public const string GcRunsRoot = GcRoot + "/runs";
    public const string QuotasRoot = Root + "/quotas";
    public const string PoliciesRoot = Root + "/policies";

    private const string PolicyExtension = ".json";

    /// <summary>The name of the folder under a repository that holds its manifests and tags.</summary>
    public const string ManifestsFolder = "_manifests";

    public const string LayersFolder = "_layers";
    public const string ReferrersFolder = "_referrers";
    public const string UploadsFolder = "_uploads";

    /// <summary>The folders under <see cref="ManifestsFolder"/>.</summary>
    public const string RevisionsFolder = "revisions";
    public const string TagsFolder = "tags";
    public const string CondemnedFolder = "condemned";

    /// <summary>Every folder a repository may hold; their names start with '_', which no name component does.</summary>
    public static readonly IReadOnlyList<string> RepositoryFolders = [ManifestsFolder, LayersFolder, ReferrersFolder, UploadsFolder];

    /// <summary>
    /// Whether a path's content can never change while it exists: only blob data, which is named by its digest.
    /// Links are not, because a delete on another node must be seen at once.
    /// </summary>
    public static bool IsImmutable(string path) => path.StartsWith(BlobsRoot + "/", StringComparison.Ordinal);

    /// <summary>The blobs of one algorithm, in folders named by the first two hex characters.</summary>
    public static string BlobAlgorithmRoot(string algorithm) => $"{BlobsRoot}/{algorithm}";

    public static string BlobPrefixRoot(string algorithm, string prefix) => $"{BlobAlgorithmRoot(algorithm)}/{prefix}";

    public static string BlobDirectory(Digest digest) =>
        $"{BlobsRoot}/{digest.Algorithm.Name}/{digest.Hex[..2]}/{digest.Hex}";

    public static string BlobData(Digest digest) => BlobDirectory(digest) + "/data";

    public static string Repository(RepositoryName name) => $"{RepositoriesRoot}/{name.Value}";

    /// <summary>
    /// The folder of the repository tree holding the repositories whose names start with <paramref name="namePrefix"/>
    /// (whole components; empty for the root), for walks that discover repositories.
    /// </summary>
    public static string RepositoryTree(string namePrefix) => namePrefix.Length == 0 ? RepositoriesRoot : $"{RepositoriesRoot}/{namePrefix}";

    public static string RepositoryFolder(RepositoryName name, string folder) => $"{Repository(name)}/{folder}";

    public static string LayersRoot(RepositoryName name) => RepositoryFolder(name, LayersFolder);

    public static string LayerLinkDirectory(RepositoryName name, Digest digest) =>
        $"{LayersRoot(name)}/{digest.Algorithm.Name}/{digest.Hex}";

    public static string LayerLink(RepositoryName name, Digest digest) => LayerLinkDirectory(name, digest) + "/link";

    /// <summary>The folder whose presence marks a repository (it holds at least one manifest or tag).</summary>
    public static string Manifests(RepositoryName name) => RepositoryFolder(name, ManifestsFolder);

    public static string ManifestRevisionsRoot(RepositoryName name) => $"{Manifests(name)}/{RevisionsFolder}";

    public static string ManifestRevisionDirectory(RepositoryName name, Digest digest) =>
        $"{ManifestRevisionsRoot(name)}/{digest.Algorithm.Name}/{digest.Hex}";

    public static string ManifestRevisionLink(RepositoryName name, Digest digest) => ManifestRevisionDirectory(name, digest) + "/link";

    public static string CondemnedRevisionsRoot(RepositoryName name) => $"{Manifests(name)}/{CondemnedFolder}";

    /// <summary>Where garbage collection moves a revision link it means to delete, until a second mark confirms it.</summary>
    public static string CondemnedRevision(RepositoryName name, Digest digest) =>
        $"{CondemnedRevisionsRoot(name)}/{digest.Algorithm.Name}/{digest.Hex}";

    /// <summary>Where garbage collection moves blob data it means to delete; outside /v1/blobs so no reader or cache sees it.</summary>
    public static string CondemnedBlob(Digest digest) => $"{CondemnedBlobsRoot}/{digest.Algorithm.Name}/{digest.Hex}";

    public static string TagsRoot(RepositoryName name) => $"{Manifests(name)}/{TagsFolder}";

    public static string Tag(RepositoryName name, Tag tag) => $"{TagsRoot(name)}/{tag.Value}";

    public static string TagCurrentLink(RepositoryName name, Tag tag) => Tag(name, tag) + "/current/link";

    public static string TagIndexLink(RepositoryName name, Tag tag, Digest digest) =>
        $"{Tag(name, tag)}/index/{digest.Algorithm.Name}/{digest.Hex}/link";

    public static string ReferrersRoot(RepositoryName name) => RepositoryFolder(name, ReferrersFolder);

    public static string ReferrersOf(RepositoryName name, Digest subject) =>
        $"{ReferrersRoot(name)}/{subject.Algorithm.Name}/{subject.Hex}";

    public static string ReferrerDirectory(RepositoryName name, Digest subject, Digest referrer) =>
        $"{ReferrersOf(name, subject)}/{referrer.Algorithm.Name}/{referrer.Hex}";

    public static string ReferrerLink(RepositoryName name, Digest subject, Digest referrer) => ReferrerDirectory(name, subject, referrer) + "/link";

    public static string UploadsRoot(RepositoryName name) => RepositoryFolder(name, UploadsFolder);

    public static string Upload(RepositoryName name, string uploadId) => $"{UploadsRoot(name)}/{uploadId}";

    public static string UploadData(RepositoryName name, string uploadId) => Upload(name, uploadId) + "/data";

    /// <summary>Where a mirror writes a blob it downloads; private until the digest is verified and it moves to <see cref="BlobData"/>.</summary>
    public static string MirrorFill(string fillId) => MirrorFillDirectory(fillId) + "/data";

    public static string MirrorFillDirectory(string fillId) => $"{MirrorFillsRoot}/{fillId}";

    public const string MirrorFillsRoot = Root + "/_mirror/fills";

    /// <summary>A run's record; the name starts with the UTC start time so names sort oldest first.</summary>
    public static string GcRun(DateTimeOffset startedAt, string runId) =>
        GcRunRecord($"{startedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfffffff'Z'", System.Globalization.CultureInfo.InvariantCulture)}-{runId}.json");

    /// <summary>A run record by the file name listed under <see cref="GcRunsRoot"/>.</summary>
    public static string GcRunRecord(string fileName) => $"{GcRunsRoot}/{fileName}";

    /// <summary>The quota document of a namespace (the first component of a repository name; never holds '/').</summary>
    public static string Quota(string @namespace) => $"{QuotasRoot}/{@namespace}.json";

    /// <summary>The policy document of a namespace (a first repository name component, so it never holds '/').</summary>
    public static string Policy(string @namespace) => $"{PoliciesRoot}/{@namespace}{PolicyExtension}";

    /// <summary>The namespace of a file name listed under <see cref="PoliciesRoot"/>, or null for anything else.</summary>
    public static string? TryParsePolicyFile(string fileName) =>
        fileName.EndsWith(PolicyExtension, StringComparison.Ordinal) && fileName.Length > PolicyExtension.Length
            ? fileName[..^PolicyExtension.Length]
            : null;

    public static string UploadStartedAt(RepositoryName name, string uploadId) => Upload(name, uploadId) + "/startedat";
}
