namespace Berth.Api.Tests.Consistency;

public sealed class FilesystemStoreCheckTests : StoreCheckTests
{
    protected override Task<IReadOnlyDictionary<string, string?>> CreateSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>());
}
