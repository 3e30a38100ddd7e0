using System.Text.Json.Serialization;
using Berth.Storage.Swift.Auth;

namespace Berth.Storage.Swift.Client;

[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<SwiftListingEntry>))]
[JsonSerializable(typeof(List<SloSegment>))]
[JsonSerializable(typeof(List<SloManifestEntry>))]
[JsonSerializable(typeof(KeystoneAuthRequest))]
[JsonSerializable(typeof(KeystoneTokenResponse))]
internal sealed partial class SwiftJsonContext : JsonSerializerContext;
