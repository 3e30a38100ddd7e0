using Berth.Index.Data;

namespace Berth.Interop.Tests.Auth.TwoProcesses;

public sealed class PostgreSqlTwoProcessesFixture() : TwoProcessesFixture(DatabaseProvider.PostgreSql);
