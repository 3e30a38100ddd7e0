namespace Berth.Interop.Tests.Auth.TwoProcesses;

public sealed class TwoProcessesPostgreSqlTests(PostgreSqlTwoProcessesFixture fixture) : TwoProcessesTests<PostgreSqlTwoProcessesFixture>(fixture);
