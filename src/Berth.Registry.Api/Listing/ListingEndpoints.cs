using System.Text.Json;
using Berth.Registry.Api.Http;
using Berth.Registry.Catalog;
using Berth.Registry.Content;
using Berth.Registry.Names;
using Berth.Registry.Referrers;
using Berth.Registry.Tags;
using Microsoft.AspNetCore.Http;

namespace Berth.Registry.Api.Listing;

/// <summary>GET /v2/&lt;name&gt;/tags/list, GET /v2/_catalog and GET /v2/&lt;name&gt;/referrers/&lt;digest&gt;.</summary>
internal sealed class ListingEndpoints(TagStore tags, RepositoryCatalog catalog, ReferrerStore referrers)
{
    public async Task TagsAsync(HttpContext context, RepositoryName name)
    {
        var pagination = Pagination.FromQuery(context.Request.Query);
        var all = await tags.ListAsync(name, context.RequestAborted);
        var page = pagination.Apply(all, context.Response, $"/v2/{name.Value}/tags/list");
        await WriteJsonAsync(context, "application/json", writer =>
        {
            writer.WriteString("name", name.Value);
            WriteStrings(writer, "tags", page);
        });
    }

    public async Task CatalogAsync(HttpContext context)
    {
        var pagination = Pagination.FromQuery(context.Request.Query);
        var all = await catalog.ListAsync(context.RequestAborted);
        var page = pagination.Apply(all, context.Response, "/v2/_catalog");
        await WriteJsonAsync(context, "application/json", writer => WriteStrings(writer, "repositories", page));
    }

    /// <summary>Always 200 with an OCI index (empty when nothing refers to the subject), as the spec requires.</summary>
    public async Task ReferrersAsync(HttpContext context, RepositoryName name, string digestText)
    {
        var subject = Digest.Parse(digestText);
        var artifactType = context.Request.Query["artifactType"].ToString();
        var filter = artifactType.Length > 0 ? artifactType : null;
        var list = await referrers.ListAsync(name, subject, filter, context.RequestAborted);
        if (filter is not null)
        {
            context.Response.Headers[RegistryHeaders.FiltersApplied] = "artifactType";
        }

        await WriteJsonAsync(context, MediaTypes.OciIndex, writer =>
        {
            writer.WriteNumber("schemaVersion", 2);
            writer.WriteString("mediaType", MediaTypes.OciIndex);
            writer.WriteStartArray("manifests");
            foreach (var descriptor in list)
            {
                DescriptorJson.Write(writer, descriptor);
            }

            writer.WriteEndArray();
        });
    }

    private static void WriteStrings(Utf8JsonWriter writer, string property, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(property);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static async Task WriteJsonAsync(HttpContext context, string contentType, Action<Utf8JsonWriter> writeProperties)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer, DescriptorJson.WriterOptions))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = buffer.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
        }
    }
}
