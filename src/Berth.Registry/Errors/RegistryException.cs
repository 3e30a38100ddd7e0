namespace Berth.Registry;

/// <summary>Every failure the registry reports to a client; the API layer turns it into the spec's JSON error body.</summary>
public sealed class RegistryException : Exception
{
    public RegistryException(RegistryErrorCode code, string? message = null, object? detail = null)
        : base(message ?? code.Message)
    {
        Code = code;
        Detail = detail;
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
    }

    public RegistryErrorCode Code { get; }

    /// <summary>Structured detail serialised into the error's "detail" field.</summary>
    public object? Detail { get; }

    /// <summary>
    /// The content is larger than the registry accepts (a manifest over its size limit): the same code as a size
    /// mismatch, but the HTTP layer answers 413 rather than 400 for it.
    /// </summary>
    public bool ExceedsLimit { get; init; }
}
