using Berth.Api.Tests.Protocol;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Gcs;

public sealed class GcsErrorBodyTests(GcsRegistryFixture fixture) : ErrorBodyTests(fixture), IClassFixture<GcsRegistryFixture>;
