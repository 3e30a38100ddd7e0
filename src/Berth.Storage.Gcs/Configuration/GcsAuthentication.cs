namespace Berth.Storage.Gcs.Configuration;

public enum GcsAuthentication
{
    /// <summary>
    /// Application default credentials: GOOGLE_APPLICATION_CREDENTIALS, gcloud's user credentials, or the metadata
    /// server on GCE and GKE (workload identity).
    /// </summary>
    ApplicationDefault,

    /// <summary>A service-account JSON key in Storage:Gcs:CredentialsFile.</summary>
    ServiceAccountFile,

    /// <summary>No credentials at all, for an emulator.</summary>
    None,
}
