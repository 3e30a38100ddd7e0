using Berth.Api.Tests.Discovery;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Gcs;

public sealed class GcsTagTests(GcsRegistryFixture fixture) : TagTests(fixture), IClassFixture<GcsRegistryFixture>;
