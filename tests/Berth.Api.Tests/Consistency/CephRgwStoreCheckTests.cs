using Berth.Testing;

namespace Berth.Api.Tests.Consistency;

public sealed class CephRgwStoreCheckTests : StoreCheckTests
{
    protected override Task<IReadOnlyDictionary<string, string?>> CreateSettingsAsync() => CephRgwStorage.CreateBucketSettingsAsync();
}
