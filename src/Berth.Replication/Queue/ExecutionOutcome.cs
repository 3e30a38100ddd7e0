namespace Berth.Replication.Queue;

/// <summary>What one attempt of an execution did; <see cref="Errors"/> empty means it succeeded.</summary>
internal sealed class ExecutionOutcome
{
    private readonly List<string> _errors = [];

    public int ItemsCopied;
    public int ItemsSkipped;
    public int BlobsCopied;
    public int BlobsSkipped;
    public int BlobsMounted;
    public long Bytes;

    public IReadOnlyList<string> Errors => _errors;

    public void Failed(string item, Exception error)
    {
        lock (_errors)
        {
            _errors.Add($"{item}: {error.Message}");
        }
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
}
