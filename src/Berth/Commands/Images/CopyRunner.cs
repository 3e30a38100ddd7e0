using System.CommandLine;
using System.Net;
using Berth.Client;
using Berth.Client.Copy;
using Berth.Client.Transports;
using Spectre.Console;

namespace Berth.Commands.Images;

/// <summary>Runs one copy for berth copy/push/pull: progress on a terminal, the digest on stdout, documented exit codes.</summary>
internal static class CopyRunner
{
    public static async Task<int> RunAsync(string source, string destination, CopyCommandOptions options, ParseResult result, CancellationToken cancellationToken)
    {
        var quiet = result.GetValue(options.Quiet);
        try
        {
            var from = ImageLocation.Parse(source);
            var to = ImageLocation.Parse(destination);
            ICopyProgress? progress = null;
            Action<Exception, TimeSpan> onRetry = (error, delay) => progress?.Retrying(error, delay);
            var bound = options.BindCopy(result);
            var copy = bound with { Retry = bound.Retry with { OnRetry = onRetry } };
            var sourceConnection = options.BindConnection(result, source: true);
            var destinationConnection = options.BindConnection(result, source: false);
            await using var reader = ImageTransports.OpenSource(from, sourceConnection with { Retry = sourceConnection.Retry with { OnRetry = onRetry } }, copy.Jobs);
            await using var writer = ImageTransports.OpenDestination(to, destinationConnection with { Retry = destinationConnection.Retry with { OnRetry = onRetry } }, copy.Jobs);
            var started = TimeProvider.System.GetTimestamp();
            CopyResult copied;
            if (quiet || Console.IsOutputRedirected)
            {
                progress = new LineProgress(quiet);
                using var copier = new ImageCopier(reader, writer, copy, progress);
                copied = await copier.CopyAsync(cancellationToken);
            }
            else
            {
                copied = await AnsiConsole.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
                    .StartAsync(async context =>
                    {
                        progress = new SpectreCopyProgress(context);
                        using var copier = new ImageCopier(reader, writer, copy, progress);
                        return await copier.CopyAsync(cancellationToken);
                    });
            }

            var elapsed = TimeProvider.System.GetElapsedTime(started);
            if (!quiet)
            {
                Console.Error.WriteLine(
                    $"Copied {from} to {to} in {elapsed.TotalSeconds:F1} s: {copied.Copied} blobs sent, {copied.Skipped} already there, {copied.Mounted} mounted, {copied.BytesRead / 1048576.0:F1} MiB read.");
            }

            Console.Out.WriteLine(copied.Digest);
            return 0;
        }
        catch (Exception e) when (Classify(e) is { } failure)
        {
            await Console.Error.WriteLineAsync($"berth: error: {e.Message}");
            return (int)failure;
        }
    }

    private static CopyFailure? Classify(Exception exception) => exception switch
    {
        CopyException copy => copy.Failure,
        FormatException => CopyFailure.Usage,
        RegistryClientException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } => CopyFailure.Unauthorized,
        RegistryClientException { StatusCode: HttpStatusCode.NotFound } => CopyFailure.NotFound,
        RegistryClientException or HttpRequestException or IOException => CopyFailure.Transfer,
        UnauthorizedAccessException => CopyFailure.Transfer,
        System.Text.Json.JsonException or InvalidDataException => CopyFailure.Unsupported,
        _ => null,
    };
}
