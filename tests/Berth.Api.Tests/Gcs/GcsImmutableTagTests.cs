using Berth.Api.Tests.Infrastructure;
using Berth.Api.Tests.Policies;

namespace Berth.Api.Tests.Gcs;

public sealed class GcsImmutableTagTests(GcsRegistryFixture fixture) : ImmutableTagTests(fixture), IClassFixture<GcsRegistryFixture>;
