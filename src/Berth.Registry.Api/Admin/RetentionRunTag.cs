namespace Berth.Registry.Api.Admin;

/// <summary>One tag in a <see cref="RetentionRunResult"/>.</summary>
internal sealed record RetentionRunTag(string Repository, string Tag, string Digest, DateTimeOffset PushedAt, string Reason);
