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
            ["/v1/repositories"] = RegistryLayout.RepositoryTree(string.Empty),
            ["/v1/repositories/team"] = RegistryLayout.RepositoryTree("team"),
            ["/v1/repositories/team/app/_referrers"] = RegistryLayout.ReferrersRoot(Name),
            ["/v1/blobs/sha256"] = RegistryLayout.BlobAlgorithmRoot("sha256"),
            ["/v1/blobs/sha256/e3"] = RegistryLayout.BlobPrefixRoot("sha256", "e3"),
            ["/v1/_mirror/fills/f1"] = RegistryLayout.MirrorFillDirectory("f1"),
            ["/v1/_mirror/fills/f1/data"] = RegistryLayout.MirrorFill("f1"),
            ["/v1/gc/runs/r.json"] = RegistryLayout.GcRunRecord("r.json"),
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

    /// <summary>
    /// "Nothing else builds a path": no source file but the layout holds a storage path literal under /v1, a
    /// repository folder name, or a path built by appending to a layout path (the exceptions issue #21 found).
    /// </summary>
    [Fact]
    public void NoSourceOutsideTheLayout_BuildsAStoragePath()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var layout = Path.Combine(src, "Berth.Registry", "Layout", "RegistryLayout.cs");
        var pattern = new System.Text.RegularExpressions.Regex(
            """
            "/v1[/"]|"_(layers|manifests|referrers|uploads|mirror)["/]|\{RegistryLayout\.\w+(\([^)]*\))?\}/|RegistryLayout\.\w+(\([^)]*\))? \+ "/
            """.Trim());
        // The index, the web UI and the client never touch the store; "/v1" there is an HTTP route (docker search).
        string[] httpOnly = ["Berth.Index", "Berth.Web", "Berth.Client"];
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !httpOnly.Contains(Path.GetRelativePath(src, f).Split(Path.DirectorySeparatorChar)[0]))
            .Where(f => f != layout && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal) && pattern.IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(src, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "Storage paths built outside Layout/RegistryLayout.cs:\n" + string.Join("\n", offenders));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Berth.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Berth.slnx above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}
