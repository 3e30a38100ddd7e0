using Berth.Api.Tests.Uploads;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Gcs;

public sealed class GcsUploadBodyTests(GcsRegistryFixture fixture) : UploadBodyTests(fixture), IClassFixture<GcsRegistryFixture>;
