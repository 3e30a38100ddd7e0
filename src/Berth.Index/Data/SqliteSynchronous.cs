namespace Berth.Index.Data;

/// <summary>SQLite's <c>synchronous</c> setting for the index database, which runs in WAL mode.</summary>
public enum SqliteSynchronous
{
    /// <summary>Every commit is on disk when it returns (an fsync per commit): nothing committed is lost, even on power loss.</summary>
    Full,

    /// <summary>
    /// Commits reach the disk at WAL checkpoints, not each one: no fsync per commit. A crash of the process loses nothing,
    /// a power loss or OS crash can lose the last commits (never corrupts the database).
    /// </summary>
    Normal,
}
