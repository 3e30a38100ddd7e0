using Berth.Index.Data;

namespace Berth.Index.Api;

public sealed record TeamPermissionRequest(RepositoryPermission Permission);
