using Berth.Index.Data;

namespace Berth.Index.Profiles;

/// <summary>
/// A user's or an organisation's page. Members and Teams are listed only to the organisation's members and to
/// administrators; Organizations (of a user) only to that user and administrators. Repositories are listed apart,
/// through RepositoryQueries with Namespace set, so visibility rules stay in one place.
/// </summary>
public sealed record Profile(
    string Name,
    NamespaceKind Kind,
    DateTime CreatedAt,
    IReadOnlyList<ProfileMember> Members,
    IReadOnlyList<string> Teams,
    IReadOnlyList<string> Organizations,
    int StarredCount);
