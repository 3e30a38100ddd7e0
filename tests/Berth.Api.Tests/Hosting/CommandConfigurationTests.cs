using System.CommandLine;
using Berth.Commands;

namespace Berth.Api.Tests.Hosting;

/// <summary>
/// Every CLI command reads the server's configuration the way serve does (one bootstrap): --config file, then
/// Section:Key=value tokens, then the command's own options, each winning over the one before.
/// </summary>
public sealed class CommandConfigurationTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"berth-config-{Guid.NewGuid():N}.json");

    [Fact]
    public void CommandHost_LayersFileTokensAndOptions_AsServeDoes()
    {
        File.WriteAllText(_file, """
            { "Berth": { "Listen": "127.0.0.1:5100", "DataDirectory": "/from-file" }, "Storage": { "Driver": "s3" }, "Gc": { "FromFile": "yes" } }
            """);
        var config = new Option<string?>("--config");
        var dataDir = new Option<string?>("--data-dir");
        var command = new RootCommand { config, dataDir };
        command.TreatUnmatchedTokensAsErrors = false;
        var result = command.Parse(["--config", _file, "--Berth:Listen=127.0.0.1:5200", "--Storage:Driver=swift", "--data-dir", "/from-option"]);

        var (builder, berth) = CommandHost.Create(result, config, dataDir, new Dictionary<string, string?> { ["Storage:Driver"] = "inmemory" });

        Assert.Equal("yes", builder.Configuration["Gc:FromFile"]);
        Assert.Equal("127.0.0.1:5200", berth.Listen);
        Assert.Equal("/from-option", berth.DataDirectory);
        Assert.Equal("inmemory", builder.Configuration["Storage:Driver"]);
    }

    [Theory]
    [InlineData("user", "list")]
    [InlineData("token", "rotate-key")]
    [InlineData("gc")]
    [InlineData("fsck")]
    public void EveryCommand_AcceptsConfigurationTokens(params string[] command)
    {
        var result = BerthCommandLine.Create().Parse([.. command, "--Index:Database:Provider=sqlite"]);

        Assert.Empty(result.Errors);
        Assert.Equal(["--Index:Database:Provider=sqlite"], result.UnmatchedTokens);
    }

    public void Dispose() => File.Delete(_file);
}
