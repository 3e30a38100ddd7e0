namespace Berth.Registry;

/// <summary>Every failure the registry reports to a client; the API layer turns it into the spec's JSON error body.</summary>
public sealed class RegistryException : Exception
{
    public RegistryException(RegistryErrorCode code, string? message = null, object? detail = null, int? status = null)
        : base(message ?? code.Message)
    {
        Code = code;
        Detail = detail;
        Status = status ?? code.Status;
    }

    public RegistryException()
        : this(RegistryErrorCode.Unknown)
    {
    }

    public RegistryException(string message)
        : this(RegistryErrorCode.Unknown, message)
    {
    }

    public RegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = RegistryErrorCode.Unknown;
        Status = Code.Status;
    }

    public RegistryErrorCode Code { get; }

    /// <summary>Structured detail serialised into the error's "detail" field.</summary>
    public object? Detail { get; }

    /// <summary>The HTTP status; usually the code's, but e.g. an out-of-order chunk is BLOB_UPLOAD_INVALID with 416.</summary>
    public int Status { get; }
}
