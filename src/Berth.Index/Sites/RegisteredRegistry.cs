namespace Berth.Index.Sites;

/// <summary>The answer to a registration: the name, URL and the event secret to configure on the registry (IndexEvents:Secret).</summary>
internal sealed record RegisteredRegistry(string Name, string Url, string? PullHost, string Secret);
