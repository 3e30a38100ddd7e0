using Berth.Index.Data;

namespace Berth.Index.Api;

internal sealed record TeamPermissionRequest(RepositoryPermission Permission);
