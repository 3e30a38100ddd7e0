namespace Berth.Index.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
