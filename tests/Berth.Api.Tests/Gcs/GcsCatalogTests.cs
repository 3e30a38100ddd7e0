using Berth.Api.Tests.Discovery;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Gcs;

public sealed class GcsCatalogTests(GcsRegistryFixture fixture) : CatalogTests(fixture), IClassFixture<GcsRegistryFixture>;
