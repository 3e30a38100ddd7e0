using System.Net;
using Berth.Storage.Swift.Auth;
using Berth.Storage.Swift.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Storage.Swift.Tests;

/// <summary>
/// The resilience the driver's clients are registered with (<see cref="SwiftHttpClients"/>), against a scripted
/// answerer in place of the socket handler: transient answers and slow attempts are retried, streamed bodies are not.
/// </summary>
public sealed class SwiftRetryTests
{
    private const string Name = "swift-retry-test";
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromMilliseconds(500);

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData((HttpStatusCode)498)]
    public async Task TransientAnswer_IsRetriedUntilTheServiceAnswers(HttpStatusCode transient)
    {
        var answerer = new ScriptedAnswerer(transient, transient, HttpStatusCode.OK);
        using var client = CreateClient(answerer);

        using var response = await client.SendAsync(HttpMethod.Get, "c/o", null, HttpCompletionOption.ResponseContentRead, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, answerer.Calls);
    }

    [Fact]
    public async Task TransientAnswer_IsGivenUpAfterFourAttempts()
    {
        var answerer = new ScriptedAnswerer(Enumerable.Repeat(HttpStatusCode.ServiceUnavailable, 10).ToArray());
        using var client = CreateClient(answerer);

        using var response = await client.SendAsync(HttpMethod.Get, "c/o", null, HttpCompletionOption.ResponseContentRead, CancellationToken.None);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(4, answerer.Calls);
    }

    [Fact]
    public async Task ClientError_IsNotRetried()
    {
        var answerer = new ScriptedAnswerer(HttpStatusCode.NotFound, HttpStatusCode.OK);
        using var client = CreateClient(answerer);

        using var response = await client.SendAsync(HttpMethod.Get, "c/o", null, HttpCompletionOption.ResponseContentRead, CancellationToken.None);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, answerer.Calls);
    }

    [Fact]
    public async Task AttemptWithoutAnswerInItsTimeout_IsRetried()
    {
        var answerer = new ScriptedAnswerer(HttpStatusCode.OK) { HangFirst = true };
        using var client = CreateClient(answerer);

        using var response = await client.SendAsync(HttpMethod.Head, "c/o", null, HttpCompletionOption.ResponseContentRead, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, answerer.Calls);
    }

    [Fact]
    public async Task StreamedBody_IsSentOnce()
    {
        var answerer = new ScriptedAnswerer(HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        using var client = CreateClient(answerer);

        using var response = await client.SendStreamingAsync(HttpMethod.Put, "c/o", new ByteArrayContent([1, 2, 3]), CancellationToken.None);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, answerer.Calls);
    }

    private static SwiftClient CreateClient(ScriptedAnswerer answerer)
    {
        var services = new ServiceCollection().AddLogging().AddSwiftHttpClients(Name, _ => AttemptTimeout);
        services.AddHttpClient(Name).ConfigurePrimaryHttpMessageHandler(() => answerer);
        services.AddHttpClient(SwiftHttpClients.Streaming(Name)).ConfigurePrimaryHttpMessageHandler(() => answerer);
        var http = services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new SwiftClient(http, Name, new FixedCredentials(), TimeProvider.System, NullLogger.Instance);
    }

    private sealed class FixedCredentials : ISwiftAuthenticator
    {
        public Task<SwiftCredentials> AuthenticateAsync(HttpClient http, CancellationToken cancellationToken) =>
            Task.FromResult(new SwiftCredentials(new Uri("http://127.0.0.1:9/v1/AUTH_test"), "token", null));
    }

    /// <summary>Answers each request with the next status of its script; the last one repeats.</summary>
    private sealed class ScriptedAnswerer(params HttpStatusCode[] script) : HttpMessageHandler
    {
        private int _calls;

        public bool HangFirst { get; init; }

        public int Calls => _calls;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls);
            if (HangFirst && call == 1)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }

            return new HttpResponseMessage(script[Math.Min(call, script.Length) - 1]) { RequestMessage = request };
        }
    }
}
