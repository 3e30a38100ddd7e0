namespace Berth.Index.External;

/// <summary>Who a directory or identity provider says signed in: the Berth account name, e-mail and groups.</summary>
internal sealed record ExternalIdentity(string Source, string UserName, string? Email, IReadOnlyCollection<string> Groups);
