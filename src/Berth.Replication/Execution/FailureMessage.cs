using System.Security.Authentication;

namespace Berth.Replication.Execution;

/// <summary>
/// An error as an administrator reads it in an execution's record: HttpClient's outer message ("The SSL connection
/// could not be established, see inner exception.") says nothing of why, so a TLS failure names its cause.
/// </summary>
internal static class FailureMessage
{
    public static string Of(Exception error) =>
        error is HttpRequestException && Find<AuthenticationException>(error) is { } tls
            ? $"TLS with the target failed: {tls.Message} (trust its CA with the target's CA certificate, or fix the target's certificate)"
            : error.Message;

    private static T? Find<T>(Exception error)
        where T : Exception
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}
