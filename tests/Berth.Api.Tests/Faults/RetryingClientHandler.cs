using System.Text.Json;

namespace Berth.Api.Tests.Faults;

/// <summary>
/// A client that retries a request answered with a server error, as registry clients do, after asserting the error
/// was the spec's JSON body (a HEAD has none). Only requests whose body can be sent again are retried; the others are
/// marked so the server never disturbs them (<see cref="RequestFaults.ExemptHeader"/>).
/// </summary>
internal sealed class RetryingClientHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private const int Attempts = 4;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not (null or ByteArrayContent or ReadOnlyMemoryContent))
        {
            request.Headers.Add(RequestFaults.ExemptHeader, "1");
            return await base.SendAsync(request, cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            var response = await base.SendAsync(attempt == 1 ? request : Copy(request), cancellationToken);
            if ((int)response.StatusCode < 500 || attempt == Attempts)
            {
                return response;
            }

            await AssertSpecErrorAsync(request, response, cancellationToken);
            response.Dispose();
        }
    }

    private static HttpRequestMessage Copy(HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Content = request.Content, Version = request.Version };
        foreach (var (name, values) in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(name, values);
        }

        return copy;
    }

    private static async Task AssertSpecErrorAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Head)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var what = $"{request.Method} {request.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}";
        try
        {
            using var json = JsonDocument.Parse(body);
            var error = json.RootElement.GetProperty("errors")[0];
            Assert.False(string.IsNullOrEmpty(error.GetProperty("code").GetString()), $"{what} with an error without a code: {body}");
            Assert.Equal(JsonValueKind.String, error.GetProperty("message").ValueKind);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            Assert.Fail($"{what} without the spec's error body: {body}");
        }
    }
}
