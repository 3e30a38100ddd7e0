using Berth.Index.Data;

namespace Berth.Index.Tests.Proxy;

public sealed class LoginLimitBehindTrustedProxySqliteTests : LoginLimitBehindTrustedProxyTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
