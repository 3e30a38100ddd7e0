using System.Text.Encodings.Web;
using System.Text.Json;
using Berth.Registry.Content;
using Microsoft.AspNetCore.Http;

namespace Berth.Registry.Api.Errors;

/// <summary>The one place a registry error becomes a response: status plus {"errors":[{"code","message","detail"}]}.</summary>
public static class RegistryErrorWriter
{
    private static readonly JsonSerializerOptions DetailOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the error with its status (<see cref="RegistryErrorStatus"/>) unless the caller knows a more precise one.</summary>
    public static async Task WriteAsync(HttpContext context, RegistryException error, int? status = null)
    {
        var response = context.Response;
        response.StatusCode = status ?? RegistryErrorStatus.Of(error);
        response.ContentType = "application/json; charset=utf-8";
        var body = Serialize(error.Code.Code, error.Message, error.Detail);
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    public static byte[] Serialize(string code, string message, object? detail)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, DescriptorJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("errors");
            writer.WriteStartObject();
            writer.WriteString("code", code);
            writer.WriteString("message", message);
            if (detail is not null)
            {
                writer.WritePropertyName("detail");
                JsonSerializer.Serialize(writer, detail, detail.GetType(), DetailOptions);
            }

            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}
