namespace Berth.Index.Data.Replication;

/// <summary>How Berth signs in at a replication target.</summary>
public enum ReplicationCredentialKind
{
    /// <summary>Anonymous.</summary>
    None,

    /// <summary>Username and password: sent as Basic, or to the realm of a Bearer challenge for a token.</summary>
    Basic,

    /// <summary>A bearer token given as is (a robot or service token), answering every Bearer challenge.</summary>
    Token,
}
