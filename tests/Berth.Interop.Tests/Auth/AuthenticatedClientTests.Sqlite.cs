using Berth.Index.Data;

namespace Berth.Interop.Tests.Auth;

public sealed class AuthenticatedClientSqliteTests : AuthenticatedClientTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
