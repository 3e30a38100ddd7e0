using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Berth.Testing;

/// <summary>Keeps every log line a server writes (with the exception, when one was logged), so a test can assert what was logged.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    /// <summary>
    /// The first line that matches, waiting for each new line rather than polling on a timer; fails with every line
    /// written so far when none matched within the timeout.
    /// </summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var written = Volatile.Read(ref _written).Task;
            if (_lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            try
            {
                await written.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"The expected log line was not written within {timeout}:\n" + string.Join('\n', _lines));
            }
        }
    }

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        _lines.Enqueue(line);
        Interlocked.Exchange(ref _written, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Add(exception is null
                ? $"{logLevel} {category}: {formatter(state, exception)}"
                : $"{logLevel} {category}: {formatter(state, exception)}{Environment.NewLine}{exception}");
    }
}
