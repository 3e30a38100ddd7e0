using Berth.Index.Data;

namespace Berth.Web.Tests.Infrastructure;

/// <summary>An open registry (Auth:Mode=None) with its index, on SQLite.</summary>
public sealed class OpenModeWebUiFixture : WebUiFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string AuthMode => "None";
}
