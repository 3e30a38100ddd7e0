using System.Collections.Concurrent;
using Berth.Client.Copy;
using Spectre.Console;

namespace Berth.Commands.Images;

/// <summary>Live progress on a terminal: one bar per blob and a total, with bytes per second.</summary>
internal sealed class SpectreCopyProgress : ICopyProgress
{
    private readonly ProgressContext _context;
    private readonly ProgressTask _total;
    private readonly ConcurrentDictionary<string, ProgressTask> _blobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _counted = new(StringComparer.Ordinal);

    public SpectreCopyProgress(ProgressContext context)
    {
        _context = context;
        _total = context.AddTask("total", maxValue: 0);
    }

    public void BlobStarted(string digest, string label, long size)
    {
        var task = _blobs.GetOrAdd(digest, _ => _context.AddTask($"{Markup.Escape(label)} {digest[7..19]}", maxValue: Math.Max(1, size)));
        if (_counted.TryAdd(digest, 0))
        {
            _total.MaxValue += Math.Max(1, size);
        }

        // A retry starts the blob over: take back what it had counted.
        _total.Increment(-task.Value);
        task.Value = 0;
    }

    public void BlobAdvanced(string digest, long bytes)
    {
        if (_blobs.TryGetValue(digest, out var task))
        {
            task.Increment(bytes);
            _total.Increment(bytes);
        }
    }

    public void BlobFinished(string digest, BlobOutcome outcome)
    {
        if (_blobs.TryGetValue(digest, out var task))
        {
            var remaining = task.MaxValue - task.Value;
            task.Description += outcome switch
            {
                BlobOutcome.Skipped => " [grey](exists)[/]",
                BlobOutcome.Mounted => " [grey](mounted)[/]",
                _ => string.Empty,
            };
            task.Value = task.MaxValue;
            _total.Increment(remaining);
            task.StopTask();
        }

        if (_total.Value >= _total.MaxValue)
        {
            _total.StopTask();
        }
    }

    public void Retrying(Exception error, TimeSpan delay) =>
        AnsiConsole.MarkupLineInterpolated($"[yellow]retrying in {delay.TotalSeconds:F1} s:[/] {error.Message}");
}
