using Berth.Index.Data;

namespace Berth.Index.Tests.Proxy;

public sealed class LoginLimitWithoutTrustedProxySqliteTests : LoginLimitWithoutTrustedProxyTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
