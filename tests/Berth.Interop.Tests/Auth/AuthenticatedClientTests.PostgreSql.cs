using Berth.Index.Data;

namespace Berth.Interop.Tests.Auth;

public sealed class AuthenticatedClientPostgreSqlTests : AuthenticatedClientTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
