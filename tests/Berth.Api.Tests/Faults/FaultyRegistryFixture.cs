using Berth.Api.Tests.Infrastructure;
using Berth.Registry.Consistency;
using Berth.Storage.Configuration;
using Berth.Storage.Conformance.Interception;
using Berth.Storage.Filesystem;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Api.Tests.Faults;

/// <summary>
/// The filesystem registry with its store behind <see cref="FaultInjectingStorageDriver"/>, for running the API suites
/// over a failing store. The schedule keeps each test meaningful: a request's storage calls fail, time out or slow down
/// only until its first write, so a failed request changed nothing, and the client retries server errors after checking
/// they were the spec's error body; the quiet calls after each fault let the retry through. When the class is done the
/// fixture fails unless faults were met, and unless the store then checks consistent.
/// </summary>
public sealed class FaultyRegistryFixture : RegistryFixture
{
    private FaultInjectingStorageDriver? _faulty;

    private FaultInjectingStorageDriver Faulty => _faulty ?? throw new InvalidOperationException("The server did not create its driver.");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Storage:Driver"] = "faulty" };

    public override RegistryClient CreateClient() =>
        new(new HttpClient(new RetryingClientHandler()) { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) });

    protected override void Configure(WebApplicationBuilder builder)
    {
        RequestFaults.Install(builder);
        builder.Services.AddStorageDriver("faulty", _ => _faulty = new FaultInjectingStorageDriver(new FilesystemStorageDriver(DataDirectory), seed: 1416, faultRate: 0.08)
        {
            QuietCallsAfterFault = 30,
            MayFail = _ => RequestFaults.MayDisturb(),
            Completed = call => RequestFaults.Completed(call.Writes),
        });
    }

    public override async Task DisposeAsync()
    {
        try
        {
            if (_faulty is { } faulty)
            {
                faulty.Enabled = false;
                if (faulty.Injected == 0)
                {
                    throw new InvalidOperationException("The suite ran over the faulty store without meeting a single fault.");
                }

                var report = await Server.Services.GetRequiredService<StoreChecker>().CheckAsync(new StoreCheckOptions { Concurrency = 4 }, default);
                if (!report.IsConsistent)
                {
                    throw new InvalidOperationException("The store is inconsistent after the suite: " + string.Join("; ", report.Problems.Select(p => $"{p.Kind} {p.Path}: {p.Detail}")));
                }
            }
        }
        finally
        {
            await base.DisposeAsync();
        }
    }
}
