using Berth.Api.Tests.Infrastructure;
using Berth.Api.Tests.Policies;

namespace Berth.Api.Tests.CephRgw;

public sealed class CephRgwImmutableTagTests(CephRgwRegistryFixture fixture) : ImmutableTagTests(fixture), IClassFixture<CephRgwRegistryFixture>;
