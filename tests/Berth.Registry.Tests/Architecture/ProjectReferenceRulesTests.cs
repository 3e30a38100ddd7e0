using System.Xml.Linq;

namespace Berth.Registry.Tests.Architecture;

/// <summary>
/// The reference rules of docs/architecture.md, read from the csproj files so that a new reference that breaks the
/// layering fails here rather than in review.
/// </summary>
public sealed class ProjectReferenceRulesTests
{
    private const string AspNetCore = "Microsoft.AspNetCore.App";

    /// <summary>The projects that serve HTTP; every other one (domain, contracts, drivers, client) stays free of ASP.NET.</summary>
    private static readonly string[] WebProjects = ["Berth", "Berth.Registry.Api", "Berth.Index", "Berth.Web", "Berth.Mirror", "Berth.Replication"];

    [Theory]
    [InlineData("Berth.Index", "Berth.Registry.Api")]
    [InlineData("Berth.Registry.Api", "Berth.Index")]
    [InlineData("Berth.Registry", "Berth.Registry.Api")]
    [InlineData("Berth.Registry", "Berth.Index")]
    [InlineData("Berth.Tokens", "Berth.Registry")]
    [InlineData("Berth.Tokens", "Berth.Index")]
    [InlineData("Berth.Index", "Berth.Replication")]
    [InlineData("Berth.Registry", "Berth.Replication")]
    [InlineData("Berth.Registry.Api", "Berth.Replication")]
    [InlineData("Berth.Client", "Berth.Replication")]
    [InlineData("Berth.Replication", "Berth.Web")]
    [InlineData("Berth.Replication", "Berth.Mirror")]
    public void Project_DoesNotReference(string project, string forbidden)
    {
        Assert.DoesNotContain(forbidden, ProjectReferences(project));
    }

    [Theory]
    [InlineData("Berth.Tokens")]
    [InlineData("Berth.Storage")]
    [InlineData("Berth.Storage.S3")]
    [InlineData("Berth.Storage.Swift")]
    [InlineData("Berth.Storage.Azure")]
    [InlineData("Berth.Storage.Gcs")]
    [InlineData("Berth.Storage.Glance")]
    [InlineData("Berth.Registry")]
    [InlineData("Berth.Client")]
    public void Project_DoesNotTakeAspNetCore(string project)
    {
        Assert.DoesNotContain(AspNetCore, FrameworkReferences(project));
        Assert.DoesNotContain(Items(project, "PackageReference"), p => p.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal));
    }

    [Fact]
    public void OnlyWebProjects_TakeAspNetCore()
    {
        var projects = Directory.GetDirectories(Path.Combine(RepositoryRoot(), "src")).Select(Path.GetFileName).OfType<string>().ToList();
        Assert.Contains("Berth.Registry", projects);
        var offenders = projects
            .Where(project => !WebProjects.Contains(project))
            .Where(project => FrameworkReferences(project).Contains(AspNetCore)
                || Items(project, "PackageReference").Any(p => p.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal)))
            .ToList();
        Assert.True(
            offenders.Count == 0,
            $"{string.Join(", ", offenders)} take ASP.NET Core; only {string.Join(", ", WebProjects)} serve HTTP (docs/architecture.md). "
            + "Use the Microsoft.Extensions.* packages, or add the project to WebProjects if it really serves HTTP.");
    }

    [Fact]
    public void Tokens_ReferencesNoOtherBerthProject()
    {
        Assert.Empty(ProjectReferences("Berth.Tokens"));
    }

    private static List<string> ProjectReferences(string project) =>
        Items(project, "ProjectReference").Select(path => Path.GetFileNameWithoutExtension(path.Replace('\\', '/'))).ToList();

    private static List<string> FrameworkReferences(string project) => Items(project, "FrameworkReference");

    private static List<string> Items(string project, string item)
    {
        var path = Path.Combine(RepositoryRoot(), "src", project, project + ".csproj");
        Assert.True(File.Exists(path), $"{path} not found");
        return XDocument.Load(path).Descendants(item).Select(e => (string?)e.Attribute("Include") ?? string.Empty).ToList();
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

        throw new InvalidOperationException($"Berth.slnx not found above {AppContext.BaseDirectory}.");
    }
}
