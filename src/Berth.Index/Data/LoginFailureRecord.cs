namespace Berth.Index.Data;

/// <summary>
/// Failed logins of one account ("a:name") or client address ("c:address") in the current window, shared by every
/// index node through the database so that N nodes behind a balancer allow no more attempts than one.
/// </summary>
internal sealed class LoginFailureRecord
{
    public required string Key { get; set; }

    /// <summary>When the window's first failure happened, in Unix milliseconds (a number compares alike on every provider).</summary>
    public long WindowStart { get; set; }

    public int Failures { get; set; }
}
