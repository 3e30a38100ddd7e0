using Berth.Api.Tests.Infrastructure;
using Berth.Api.Tests.Quotas;

namespace Berth.Api.Tests.Filesystem;

public sealed class FilesystemQuotaTests(FilesystemQuotaFixture fixture) : QuotaTests(fixture), IClassFixture<FilesystemQuotaFixture>;
