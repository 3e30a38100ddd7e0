namespace Berth.Index.Data;

public enum RepositoryVisibility
{
    /// <summary>Pulls need read access.</summary>
    Private,

    /// <summary>Anyone, anonymous included, may pull.</summary>
    Public,
}
