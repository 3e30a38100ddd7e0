using Berth.Replication.Execution;
using Berth.Replication.Model;

namespace Berth.Replication.Queue;

/// <summary>What one attempt of an execution did; <see cref="Errors"/> empty means it succeeded.</summary>
internal sealed class ExecutionOutcome
{
    private readonly List<string> _errors = [];
    private readonly List<string> _items = [];

    public int ItemsCopied;
    public int ItemsSkipped;
    public int BlobsCopied;
    public int BlobsSkipped;
    public int BlobsMounted;
    public long Bytes;

    public IReadOnlyList<string> Errors => _errors;

    public void Copied(string item)
    {
        Interlocked.Increment(ref ItemsCopied);
        Add(ExecutionItemStatus.Copied, item);
    }

    public void Deleted(string item)
    {
        Interlocked.Increment(ref ItemsCopied);
        Add(ExecutionItemStatus.Deleted, item);
    }

    public void Skipped(string item)
    {
        Interlocked.Increment(ref ItemsSkipped);
        Add(ExecutionItemStatus.Skipped, item);
    }

    public void Failed(string item, Exception error)
    {
        lock (_errors)
        {
            _errors.Add($"{item}: {FailureMessage.Of(error)}");
        }

        Add(ExecutionItemStatus.Failed, item);
    }

    /// <summary>The errors as the record keeps them: one a line, cut at 4000 characters.</summary>
    public string? ErrorText()
    {
        if (_errors.Count == 0)
        {
            return null;
        }

        var text = string.Join('\n', _errors);
        return text.Length <= 4000 ? text : text[..3990] + "\n…";
    }

    /// <summary>Each image's status as the record keeps it: "copied team/app:v1", one a line, cut whole lines at the limit.</summary>
    public string? ItemText()
    {
        lock (_items)
        {
            return ExecutionItem.Format(_items);
        }
    }

    private void Add(ExecutionItemStatus status, string item)
    {
        lock (_items)
        {
            _items.Add(ExecutionItem.Line(status, item));
        }
    }
}
