using Berth.Index.Data;

namespace Berth.Index.Profiles;

public sealed record ProfileMember(string Name, MemberRole Role);
