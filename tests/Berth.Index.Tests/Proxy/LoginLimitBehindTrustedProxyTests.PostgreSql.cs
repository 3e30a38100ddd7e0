using Berth.Index.Data;

namespace Berth.Index.Tests.Proxy;

public sealed class LoginLimitBehindTrustedProxyPostgreSqlTests : LoginLimitBehindTrustedProxyTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
