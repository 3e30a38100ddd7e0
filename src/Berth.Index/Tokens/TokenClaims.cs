namespace Berth.Index.Tokens;

/// <summary>Berth's own claims beside the standard ones; registries that do not know them ignore them.</summary>
internal static class TokenClaims
{
    /// <summary>Requested actions the index refused: the registry answers DENIED instead of asking for a new token.</summary>
    public const string Refused = "berth_refused";

    /// <summary>The actions a personal access token limits its holder to, so renewing with this token keeps the limit.</summary>
    public const string ActionLimit = "berth_limit";

    /// <summary>A refresh token's copy of the user's security stamp: a password change invalidates it.</summary>
    public const string SecurityStamp = "berth_stamp";
}
