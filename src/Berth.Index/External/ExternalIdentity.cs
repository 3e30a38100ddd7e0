namespace Berth.Index.External;

/// <summary>Who a directory or identity provider says signed in: the Berth account name, e-mail and groups.</summary>
public sealed record ExternalIdentity(string Source, string UserName, string? Email, IReadOnlyCollection<string> Groups);
