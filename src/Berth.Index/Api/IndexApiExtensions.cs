using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Index.Api;

/// <summary>The JSON API under /api/v1, docker's /v1/search, and the OpenAPI document at /api/v1/openapi.json.</summary>
internal static class IndexApiExtensions
{
    public const string OpenApiPath = "/api/v1/openapi.json";

    public static IServiceCollection AddBerthIndexApi(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddSingleton<AntiforgeryForCookies>();
        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath is { } path && (path.StartsWith("api/v1", StringComparison.Ordinal) || path.StartsWith("v1/search", StringComparison.Ordinal));
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Berth index API";
                document.Info.Description = "Repositories, tags, manifests, stars, settings and personal access tokens; see docs/index-api.md.";
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapBerthIndexApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("index");
        RepositoryEndpoints.Map(api);
        AccountEndpoints.Map(api);
        Sites.RegistryEndpoints.Map(api);
        DockerSearchEndpoint.Map(endpoints);
        endpoints.MapOpenApi(OpenApiPath);
        return endpoints;
    }
}
