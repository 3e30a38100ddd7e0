using Berth.Api.Tests.Uploads;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Gcs;

public sealed class GcsMountTests(GcsRegistryFixture fixture) : MountTests(fixture), IClassFixture<GcsRegistryFixture>;
