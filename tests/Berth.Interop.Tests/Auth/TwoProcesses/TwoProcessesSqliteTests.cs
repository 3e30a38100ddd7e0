namespace Berth.Interop.Tests.Auth.TwoProcesses;

public sealed class TwoProcessesSqliteTests(SqliteTwoProcessesFixture fixture) : TwoProcessesTests<SqliteTwoProcessesFixture>(fixture);
