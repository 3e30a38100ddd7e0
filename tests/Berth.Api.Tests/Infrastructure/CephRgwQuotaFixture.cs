using Berth.Testing;

namespace Berth.Api.Tests.Infrastructure;

public sealed class CephRgwQuotaFixture : RegistryFixture
{
    protected override async Task<IReadOnlyDictionary<string, string?>> CreateSettingsAsync() =>
        QuotaRegistrySettings.With(await CephRgwStorage.CreateBucketSettingsAsync());
}
