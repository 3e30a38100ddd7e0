using Berth.Api.Tests.Infrastructure;
using Berth.Api.Tests.Quotas;

namespace Berth.Api.Tests.CephRgw;

public sealed class CephRgwQuotaTests(CephRgwQuotaFixture fixture) : QuotaTests(fixture), IClassFixture<CephRgwQuotaFixture>;
