using Berth.Index.Data;

namespace Berth.Interop.Tests.Auth.TwoProcesses;

public sealed class SqliteTwoProcessesFixture() : TwoProcessesFixture(DatabaseProvider.Sqlite);
