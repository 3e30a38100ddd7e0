using Berth.Index.Data.Replication;

namespace Berth.Replication.Model;

/// <summary>One image of an execution and what its last attempt did with it ("team/app:v1", copied).</summary>
public sealed record ExecutionItem(string Image, ExecutionItemStatus Status)
{
    internal static string Line(ExecutionItemStatus status, string image) => status.ToString().ToLowerInvariant() + " " + image;

    /// <summary>The lines as the record keeps them: whole lines up to the column's limit, then how many were left out.</summary>
    internal static string? Format(IReadOnlyCollection<string> lines)
    {
        if (lines.Count == 0)
        {
            return null;
        }

        var text = new System.Text.StringBuilder();
        var written = 0;
        foreach (var line in lines)
        {
            // Room for the closing "… N more" line, whatever N is.
            if (text.Length + line.Length + 1 > ReplicationExecutionRecord.MaxItemsLength - 32)
            {
                text.Append("… ").Append(lines.Count - written).Append(" more");
                return text.ToString();
            }

            text.Append(line).Append('\n');
            written++;
        }

        return text.ToString(0, text.Length - 1);
    }

    /// <summary>The record's lines read back; a line that is no item (the "… N more" line) is left out.</summary>
    internal static IReadOnlyList<ExecutionItem> Parse(string? text)
    {
        var items = new List<ExecutionItem>();
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && Enum.TryParse<ExecutionItemStatus>(line[..space], ignoreCase: true, out var status))
            {
                items.Add(new ExecutionItem(line[(space + 1)..], status));
            }
        }

        return items;
    }
}
