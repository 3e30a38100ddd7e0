using Berth.Api.Tests.Discovery;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Gcs;

public sealed class GcsReferrerTests(GcsRegistryFixture fixture) : ReferrerTests(fixture), IClassFixture<GcsRegistryFixture>;
