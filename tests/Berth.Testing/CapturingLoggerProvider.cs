using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Berth.Testing;

/// <summary>Keeps every log line a server writes (with the exception, when one was logged), so a test can assert what was logged.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(_lines, categoryName);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(ConcurrentQueue<string> lines, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(exception is null
                ? $"{logLevel} {category}: {formatter(state, exception)}"
                : $"{logLevel} {category}: {formatter(state, exception)}{Environment.NewLine}{exception}");
    }
}
