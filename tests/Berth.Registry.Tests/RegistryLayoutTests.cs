using Berth.Registry.Content;
using Berth.Registry.Layout;
using Berth.Registry.Names;

namespace Berth.Registry.Tests;

/// <summary>A golden test of every path: changing the layout breaks existing stores, so it must be deliberate.</summary>
public sealed class RegistryLayoutTests
{
    private const string Hex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string SubjectHex = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
    private static readonly Digest Blob = Digest.Parse("sha256:" + Hex);
    private static readonly Digest Subject = Digest.Parse("sha256:" + SubjectHex);
    private static readonly RepositoryName Name = RepositoryName.Parse("team/app");
    private static readonly Tag Latest = Tag.Parse("latest");
    private const string Upload = "0123456789abcdef0123456789abcdef";

    [Fact]
    public void EveryPath_MatchesTheDocumentedTree()
    {
        var expected = new Dictionary<string, string>
        {
            [$"/v1/blobs/sha256/e3/{Hex}"] = RegistryLayout.BlobDirectory(Blob),
            [$"/v1/blobs/sha256/e3/{Hex}/data"] = RegistryLayout.BlobData(Blob),
            ["/v1/repositories/team/app"] = RegistryLayout.Repository(Name),
            [$"/v1/repositories/team/app/_layers/sha256/{Hex}"] = RegistryLayout.LayerLinkDirectory(Name, Blob),
            [$"/v1/repositories/team/app/_layers/sha256/{Hex}/link"] = RegistryLayout.LayerLink(Name, Blob),
            ["/v1/repositories/team/app/_manifests"] = RegistryLayout.Manifests(Name),
            ["/v1/repositories/team/app/_manifests/revisions"] = RegistryLayout.ManifestRevisionsRoot(Name),
            [$"/v1/repositories/team/app/_manifests/revisions/sha256/{Hex}"] = RegistryLayout.ManifestRevisionDirectory(Name, Blob),
            [$"/v1/repositories/team/app/_manifests/revisions/sha256/{Hex}/link"] = RegistryLayout.ManifestRevisionLink(Name, Blob),
            [$"/v1/repositories/team/app/_manifests/condemned/sha256/{Hex}"] = RegistryLayout.CondemnedRevision(Name, Blob),
            [$"/v1/gc/blobs/sha256/{Hex}"] = RegistryLayout.CondemnedBlob(Blob),
            ["/v1/gc/lease"] = RegistryLayout.GcLease,
            ["/v1/gc/runs/20261128T0215001234567Z-0123456789ab.json"] = RegistryLayout.GcRun(new DateTimeOffset(2026, 11, 28, 3, 15, 0, TimeSpan.FromHours(1)).AddTicks(1234567), "0123456789ab"),
            ["/v1/quotas/team.json"] = RegistryLayout.Quota(Name.Namespace),
            ["/v1/policies/team.json"] = RegistryLayout.Policy("team"),
            ["/v1/repositories/team/app/_manifests/tags"] = RegistryLayout.TagsRoot(Name),
            ["/v1/repositories/team/app/_manifests/tags/latest"] = RegistryLayout.Tag(Name, Latest),
            ["/v1/repositories/team/app/_manifests/tags/latest/current/link"] = RegistryLayout.TagCurrentLink(Name, Latest),
            [$"/v1/repositories/team/app/_manifests/tags/latest/index/sha256/{Hex}/link"] = RegistryLayout.TagIndexLink(Name, Latest, Blob),
            [$"/v1/repositories/team/app/_referrers/sha256/{SubjectHex}"] = RegistryLayout.ReferrersOf(Name, Subject),
            [$"/v1/repositories/team/app/_referrers/sha256/{SubjectHex}/sha256/{Hex}"] = RegistryLayout.ReferrerDirectory(Name, Subject, Blob),
            [$"/v1/repositories/team/app/_referrers/sha256/{SubjectHex}/sha256/{Hex}/link"] = RegistryLayout.ReferrerLink(Name, Subject, Blob),
            ["/v1/repositories/team/app/_uploads"] = RegistryLayout.UploadsRoot(Name),
            [$"/v1/repositories/team/app/_uploads/{Upload}"] = RegistryLayout.Upload(Name, Upload),
            [$"/v1/repositories/team/app/_uploads/{Upload}/data"] = RegistryLayout.UploadData(Name, Upload),
            [$"/v1/repositories/team/app/_uploads/{Upload}/startedat"] = RegistryLayout.UploadStartedAt(Name, Upload),
        };

        foreach (var (path, actual) in expected)
        {
            Assert.Equal(path, actual);
            Assert.True(Berth.Storage.StoragePath.IsValid(actual), actual);
        }
    }

    [Fact]
    public void Sha512Blob_UsesItsAlgorithmFolder()
    {
        var digest = Digest.Compute(DigestAlgorithm.Sha512, []);
        Assert.Equal($"/v1/blobs/sha512/{digest.Hex[..2]}/{digest.Hex}/data", RegistryLayout.BlobData(digest));
    }

    [Fact]
    public void OnlyBlobContent_IsImmutable()
    {
        Assert.True(RegistryLayout.IsImmutable(RegistryLayout.BlobData(Blob)));
        Assert.False(RegistryLayout.IsImmutable(RegistryLayout.LayerLink(Name, Blob)));
        Assert.False(RegistryLayout.IsImmutable(RegistryLayout.TagCurrentLink(Name, Latest)));
    }
}
