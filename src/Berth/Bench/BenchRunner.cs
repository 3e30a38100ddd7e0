using System.Diagnostics;
using System.Globalization;
using Berth.Bench.Reporting;
using Berth.Client;
using Spectre.Console;

namespace Berth.Bench;

/// <summary>
/// Runs a scenario once per concurrency level: N workers loop on the operation until the duration ends or the
/// shared count is used up. Operations cut off by the deadline are neither timed nor errors, but the bytes they
/// moved count toward MB/s, which is bytes moved within the window divided by the window.
/// </summary>
internal sealed class BenchRunner(BenchSettings settings, IBenchScenario scenario, RegistryClient client, IAnsiConsole console)
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(250);

    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        await scenario.PrepareAsync(cancellationToken);
        var levels = new List<BenchLevelResult>();
        foreach (var concurrency in settings.Concurrency)
        {
            levels.Add(await RunLevelAsync(concurrency, cancellationToken));
        }

        return new BenchReport(
            settings.Label,
            settings.Scenario.ToString().ToLowerInvariant(),
            settings.Registry.ToString(),
            settings.Layers,
            settings.LayerSize,
            settings.ChunkSize,
            settings.Images,
            startedAt,
            levels);
    }

    private async Task<BenchLevelResult> RunLevelAsync(int concurrency, CancellationToken cancellationToken)
    {
        var workers = Enumerable.Range(0, concurrency).Select(i => new BenchWorker(i)).ToArray();

        // One untimed request per worker opens its connection, so the level measures requests and not TCP setup.
        await Parallel.ForEachAsync(workers, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (_, ct) => await client.PingAsync(ct));

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampler = settings.ServerPids.Count > 0 ? ServerProcessSampler.Start(settings.ServerPids) : null;
        await using (sampler)
        {
            var remaining = settings.Count ?? long.MaxValue;
            var clock = Stopwatch.StartNew();
            if (settings.Duration is { } duration)
            {
                deadline.CancelAfter(duration);
            }

            var running = Task.WhenAll(workers.Select(w => Task.Run(() => LoopAsync(w, () => Interlocked.Decrement(ref remaining) >= 0, deadline.Token), CancellationToken.None)));
            await ShowProgressAsync(concurrency, workers, clock, running);
            await running;
            var elapsed = settings.Duration is { } limit ? Math.Min(clock.Elapsed.TotalSeconds, limit.TotalSeconds) : clock.Elapsed.TotalSeconds;
            var usage = sampler is null ? null : await sampler.StopAsync();
            cancellationToken.ThrowIfCancellationRequested();
            return Summarize(concurrency, workers, elapsed, usage);
        }
    }

    private async Task LoopAsync(BenchWorker worker, Func<bool> takeOne, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && takeOne())
        {
            // An operation's latency includes its retries: that is what the client waited.
            var started = Stopwatch.GetTimestamp();
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await scenario.RunOnceAsync(worker, cancellationToken);
                    worker.CompleteOperation(Stopwatch.GetTimestamp() - started);
                    break;
                }
                catch (Exception) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is HttpRequestException or RegistryClientException or BenchCheckException or IOException or TaskCanceledException or System.Text.Json.JsonException)
                {
                    if (attempt >= settings.Retries)
                    {
                        worker.AddError(ErrorKind(e));
                        break;
                    }

                    worker.AddRetry(ErrorKind(e));
                    if (!await BackOffAsync(attempt, cancellationToken))
                    {
                        return;
                    }
                }
            }
        }
    }

    /// <summary>A growing pause before a retry, as clients do, so a load balancer can take a failed node out first.</summary>
    private static async Task<bool> BackOffAsync(int attempt, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100 * (1 << Math.Min(attempt, 5))), cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task ShowProgressAsync(int concurrency, BenchWorker[] workers, Stopwatch clock, Task running)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            // Piped output (a script's log) gets one line per level, not a redraw every 250 ms.
            await Task.WhenAny(running);
            console.MarkupLine(Describe(concurrency, workers, clock));
            return;
        }

        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Describe(concurrency, workers, clock), maxValue: 1.0);
                while (!running.IsCompleted)
                {
                    await Task.WhenAny(running, Task.Delay(RefreshInterval));
                    task.Description = Describe(concurrency, workers, clock);
                    task.Value = settings.Duration is { } d
                        ? Math.Min(1.0, clock.Elapsed / d)
                        : Math.Min(1.0, workers.Sum(w => w.Operations + w.ErrorTotal) / (double)settings.Count!.Value);
                }

                task.Value = 1.0;
            });
    }

    private string Describe(int concurrency, BenchWorker[] workers, Stopwatch clock)
    {
        var seconds = Math.Max(clock.Elapsed.TotalSeconds, 0.001);
        var requests = workers.Sum(w => w.Requests);
        var bytes = workers.Sum(w => Interlocked.Read(ref w.Bytes));
        var errors = workers.Sum(w => w.ErrorTotal);
        var retries = workers.Sum(w => w.RetryTotal);
        return Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"{settings.Label} {settings.Scenario.ToString().ToLowerInvariant()} x{concurrency}: {requests / seconds:N0} req/s, {bytes / seconds / 1e6:N1} MB/s, {errors} errors, {retries} retries"));
    }

    private static BenchLevelResult Summarize(int concurrency, BenchWorker[] workers, double elapsed, ServerUsage? usage)
    {
        var errors = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (kind, count) in workers.SelectMany(w => w.Errors))
        {
            errors[kind] = errors.GetValueOrDefault(kind) + count;
        }

        var retries = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (kind, count) in workers.SelectMany(w => w.Retries))
        {
            retries[kind] = retries.GetValueOrDefault(kind) + count;
        }

        return new BenchLevelResult(
            concurrency,
            elapsed,
            workers.Sum(w => w.Operations),
            workers.Sum(w => w.Requests),
            workers.Sum(w => w.Bytes),
            LatencySummary.From(workers),
            errors,
            usage,
            retries);
    }

    private static string ErrorKind(Exception e) => e switch
    {
        RegistryClientException { StatusCode: { } status } r => $"HTTP {(int)status}{(r.ErrorCode is null ? string.Empty : " " + r.ErrorCode)}",
        RegistryClientException => "protocol",
        HttpRequestException h => h.HttpRequestError.ToString(),
        TaskCanceledException => "timeout",
        BenchCheckException c => c.Message,
        _ => e.GetType().Name,
    };
}
