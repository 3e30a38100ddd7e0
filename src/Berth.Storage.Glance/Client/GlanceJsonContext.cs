using System.Text.Json.Serialization;

namespace Berth.Storage.Glance.Client;

[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<Dictionary<string, string>>))]
internal sealed partial class GlanceJsonContext : JsonSerializerContext;
