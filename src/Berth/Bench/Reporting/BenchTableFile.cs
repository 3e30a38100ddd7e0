namespace Berth.Bench.Reporting;

/// <summary>A tab-separated table with a header row, as the bench scripts write them (client.tsv, drivers.tsv).</summary>
internal sealed class BenchTableFile
{
    private readonly string[] _header;

    private BenchTableFile(string path, string[] header, IReadOnlyList<string[]> rows)
    {
        Path = path;
        _header = header;
        Rows = rows;
    }

    public string Path { get; }

    public IReadOnlyList<string[]> Rows { get; }

    public static async Task<BenchTableFile> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var lines = (await File.ReadAllLinesAsync(path, cancellationToken)).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0)
        {
            throw new InvalidDataException($"{path} is empty: a header row is expected.");
        }

        var header = lines[0].Split('\t');
        var rows = lines.Skip(1).Select(l => l.Split('\t')).ToList();
        if (rows.FirstOrDefault(r => r.Length != header.Length) is { } ragged)
        {
            throw new InvalidDataException($"{path}: the row '{string.Join(' ', ragged)}' has {ragged.Length} columns, the header {header.Length}.");
        }

        return new BenchTableFile(path, header, rows);
    }

    /// <summary>The index of a column by its header name.</summary>
    public int Column(string name)
    {
        var index = Array.IndexOf(_header, name);
        return index >= 0 ? index : throw new InvalidDataException($"{Path} has no column '{name}'; it has {string.Join(", ", _header)}.");
    }
}
