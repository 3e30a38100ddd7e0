using Berth.Registry.Content;
using Berth.Registry.Names;
using Berth.Registry.Tags;

namespace Berth.Registry.Policies;

/// <summary>
/// Enforces the immutable tag rules of namespace policies before a tag is written or deleted: an existing tag matching
/// a rule may be pushed again with the digest it has (CI re-runs), never moved to another digest or deleted. A refusal
/// is <c>DENIED</c> (403), naming the tag and the rule's pattern; the caller has written nothing yet.
/// </summary>
public sealed class TagImmutability(NamespacePolicyStore policies, TagStore tags)
{
    /// <summary>The rule protecting <paramref name="tag"/> of <paramref name="name"/>, or null.</summary>
    public async Task<ImmutableTagRule?> FindRuleAsync(RepositoryName name, string tag, CancellationToken cancellationToken) =>
        (await policies.GetAsync(name.Namespace, cancellationToken))?.FindImmutableRule(name, tag);

    /// <summary>Refuses a push of <paramref name="digest"/> to an immutable tag that points at another digest.</summary>
    public async Task CheckPushAsync(RepositoryName name, Tag tag, Digest digest, CancellationToken cancellationToken)
    {
        if (await FindRuleAsync(name, tag.Value, cancellationToken) is not { } rule)
        {
            return;
        }

        if (await tags.ResolveAsync(name, tag, cancellationToken) is { } current && current != digest)
        {
            throw Denied(name, tag.Value, rule, current, $"cannot be moved from {current} to {digest}");
        }
    }

    /// <summary>
    /// After the tag was written: when a push on another node created the same immutable tag with another digest at
    /// the same moment, the later write won; the push that lost learns it here and is refused instead of reported done.
    /// </summary>
    public async Task ConfirmPushAsync(RepositoryName name, Tag tag, Digest digest, CancellationToken cancellationToken)
    {
        if (await FindRuleAsync(name, tag.Value, cancellationToken) is not { } rule)
        {
            return;
        }

        if (await tags.ResolveAsync(name, tag, cancellationToken) is { } current && current != digest)
        {
            throw Denied(name, tag.Value, rule, current, $"was created by a concurrent push with {current}; {digest} was not kept");
        }
    }

    /// <summary>Refuses the delete of an existing immutable tag.</summary>
    public async Task CheckDeleteTagAsync(RepositoryName name, Tag tag, CancellationToken cancellationToken)
    {
        if (await FindRuleAsync(name, tag.Value, cancellationToken) is { } rule
            && await tags.ResolveAsync(name, tag, cancellationToken) is { } current)
        {
            throw Denied(name, tag.Value, rule, current, "cannot be deleted");
        }
    }

    /// <summary>Refuses the delete of a manifest by digest when that would remove an immutable tag pointing at it.</summary>
    public async Task CheckDeleteManifestAsync(RepositoryName name, Digest digest, CancellationToken cancellationToken)
    {
        var policy = await policies.GetAsync(name.Namespace, cancellationToken);
        if (policy is null || policy.ImmutableTags.Count == 0)
        {
            return;
        }

        foreach (var tag in await tags.ListPointingAtAsync(name, digest, cancellationToken))
        {
            if (policy.FindImmutableRule(name, tag) is { } rule)
            {
                throw Denied(name, tag, rule, digest, $"points at {digest}, so the manifest cannot be deleted");
            }
        }
    }

    private static RegistryException Denied(RepositoryName name, string tag, ImmutableTagRule rule, Digest current, string what) =>
        new(
            RegistryErrorCode.Denied,
            $"Tag '{tag}' of '{name}' is immutable (pattern '{rule.Tags}' of the policy of namespace '{name.Namespace}'): it {what}.",
            new { repository = name.Value, tag, pattern = rule.Tags, repositories = rule.Repositories, digest = current.ToString() });
}
