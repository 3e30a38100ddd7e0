namespace Berth.Api.Tests.Infrastructure;

public sealed class FilesystemQuotaFixture : RegistryFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => QuotaRegistrySettings.With(new Dictionary<string, string?>());
}
