using System.Net;

namespace Berth.Client;

/// <summary>The registry answered with an unexpected status; <see cref="ErrorCode"/> is the first OCI error code, if any.</summary>
public sealed class RegistryClientException : Exception
{
    public RegistryClientException()
    {
    }

    public RegistryClientException(string message)
        : base(message)
    {
    }

    public RegistryClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RegistryClientException(HttpStatusCode statusCode, string? errorCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    public HttpStatusCode? StatusCode { get; }

    public string? ErrorCode { get; }
}
