namespace Berth.Index.Sites;

/// <summary>POST /api/v1/registries: a registry to register; without a secret one is generated and answered once.</summary>
internal sealed record RegistryRegistration(string Name, Uri Url, string? Secret, string? PullHost);
