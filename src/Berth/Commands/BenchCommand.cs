using System.CommandLine;
using System.Text.Json;
using Berth.Bench;
using Berth.Bench.Reporting;
using Berth.Bench.Scenarios;
using Berth.Client;
using Spectre.Console;

namespace Berth.Commands;

/// <summary>berth bench: load-tests any OCI registry on loopback (push, pull, manifest, mixed), seeds and charts.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure a registry on loopback: throughput, latency, errors and server CPU/RSS.");
        command.Subcommands.Add(Scenario(BenchScenarioKind.Push, "N clients each push images of --layers layers of --layer-size (unique content)."));
        command.Subcommands.Add(Scenario(BenchScenarioKind.Pull, "N clients pull the seeded image(s): manifest by tag, then every blob streamed."));
        command.Subcommands.Add(Scenario(BenchScenarioKind.Manifest, "N clients GET (or HEAD) the seeded manifest by tag."));
        command.Subcommands.Add(Scenario(BenchScenarioKind.Mixed, "90% manifest GETs, 9% image pulls, 1% image pushes."));
        command.Subcommands.Add(SeedCommand());
        command.Subcommands.Add(ChartCommand());
        command.Subcommands.Add(BarsCommand());
        return command;
    }

    private static Command Scenario(BenchScenarioKind kind, string description)
    {
        var options = new BenchOptions();
        var command = new Command(kind.ToString().ToLowerInvariant(), description);
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, cancellationToken) =>
        {
            var settings = options.Bind(result, kind);
            if (Console.IsOutputRedirected)
            {
                AnsiConsole.Profile.Width = 200;
            }

            using var context = new BenchContext(settings, CreateClient(settings));
            IBenchScenario scenario = kind switch
            {
                BenchScenarioKind.Push => new PushScenario(context),
                BenchScenarioKind.Pull => new PullScenario(context),
                BenchScenarioKind.Manifest => new ManifestScenario(context),
                _ => new MixedScenario(context),
            };
            BenchReport report;
            try
            {
                report = await new BenchRunner(settings, scenario, context.Client, AnsiConsole.Console).RunAsync(cancellationToken);
            }
            catch (Exception e) when (e is RegistryClientException or HttpRequestException)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{settings.Label}: could not prepare the {kind.ToString().ToLowerInvariant()} scenario:[/] {e.Message}");
                return 1;
            }

            AnsiConsole.Write(BenchTable.Render(report));
            if (settings.JsonPath is not null)
            {
                await WriteJsonAsync(settings.JsonPath, report, cancellationToken);
            }

            if (settings.ChartPath is not null)
            {
                BenchChart.Write(settings.ChartPath, [report]);
            }

            return report.Levels.Any(l => l.ErrorCount > 0) ? 2 : 0;
        });
        return command;
    }

    private static Command SeedCommand()
    {
        var options = new BenchOptions();
        var export = new Option<string?>("--export-dir") { Description = "Also write the seeded images as static files (v2/REPO/manifests|blobs/…) for nginx." };
        var command = new Command("seed", "Push the deterministic images that pull/manifest/mixed read (same --seed, same bytes everywhere).") { export };
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, cancellationToken) =>
        {
            var settings = options.Bind(result, BenchScenarioKind.Pull);
            using var context = new BenchContext(settings, CreateClient(settings));
            await context.SeedAsync(settings.Images, cancellationToken);
            if (result.GetValue(export) is { } directory)
            {
                await StaticExport.WriteAsync(context, directory, settings.Images, cancellationToken);
            }

            for (var i = 0; i < settings.Images; i++)
            {
                AnsiConsole.MarkupLineInterpolated($"{settings.Repository}:{context.SeededTag(i)} {context.SeededImage(i).ManifestDigest}");
            }

            return 0;
        });
        return command;
    }

    private static Command ChartCommand()
    {
        var output = new Option<string>("--out", "-o") { Description = "Chart file (.png or .svg).", Required = true };
        var title = new Option<string?>("--title") { Description = "Chart title." };
        var inputs = new Argument<string[]>("reports") { Description = "JSON reports written by --json, one series each.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("chart", "Draw several JSON reports (e.g. berth, distribution, nginx) in one chart.") { output, title, inputs };
        command.SetAction(async (result, cancellationToken) =>
        {
            var reports = new List<BenchReport>();
            foreach (var path in result.GetValue(inputs)!)
            {
                await using var file = File.OpenRead(path);
                reports.Add(await JsonSerializer.DeserializeAsync(file, BenchJsonContext.Default.BenchReport, cancellationToken)
                    ?? throw new InvalidDataException($"{path} is not a bench report."));
            }

            BenchChart.Write(result.GetValue(output)!, reports, result.GetValue(title));
            return 0;
        });
        return command;
    }

    private static Command BarsCommand()
    {
        var output = new Option<string>("--out", "-o") { Description = "Chart file (.png or .svg).", Required = true };
        var title = new Option<string?>("--title") { Description = "Chart title." };
        var group = new Option<string>("--group") { Description = "Column whose values are the groups along the x axis.", Required = true };
        var series = new Option<string>("--series") { Description = "Column whose values are the bars (colours) of each group.", Required = true };
        var value = new Option<string>("--value") { Description = "Column holding the bar heights.", Required = true };
        var valueLabel = new Option<string?>("--value-label") { Description = "Y axis label (default: the value column's name)." };
        var input = new Argument<string>("table") { Description = "Tab-separated table with a header row (e.g. bench/results/client.tsv)." };
        var command = new Command("bars", "Draw a grouped bar chart from a TSV table (client and driver comparisons).")
        {
            output, title, group, series, value, valueLabel, input,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var table = await BenchTableFile.ReadAsync(result.GetValue(input)!, cancellationToken);
            BenchBarChart.Write(
                result.GetValue(output)!, table, result.GetValue(group)!, result.GetValue(series)!, result.GetValue(value)!, result.GetValue(title), result.GetValue(valueLabel));
            return 0;
        });
        return command;
    }

    private static RegistryClient CreateClient(BenchSettings settings) =>
        RegistryClient.Create(new RegistryClientOptions
        {
            BaseAddress = settings.Registry,
            Username = settings.Username,
            Password = settings.Password,
        });

    private static async Task WriteJsonAsync(string path, BenchReport report, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, report, BenchJsonContext.Default.BenchReport, cancellationToken);
    }
}
