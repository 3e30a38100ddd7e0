using Berth.Index.Data;

namespace Berth.Index.Tests.Proxy;

public sealed class LoginLimitWithoutTrustedProxyPostgreSqlTests : LoginLimitWithoutTrustedProxyTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
