using Berth.Registry;
using Berth.Registry.Api.Errors;
using Microsoft.AspNetCore.Http;

namespace Berth.Mirror.Access;

/// <summary>The answer to a write on a mirror: 405 UNSUPPORTED, saying where writes can go.</summary>
internal sealed class UnsupportedWriteResult(MirrorOptions options) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var where = options.LocalNamespace is { } local
            ? $"only repositories under '{local}/' accept pushes"
            : "pushes are refused (set Mirror:LocalNamespace to accept them under one namespace)";
        return RegistryErrorWriter.WriteAsync(
            httpContext,
            new RegistryException(RegistryErrorCode.Unsupported, $"This registry is a mirror of {options.Upstream}: {where}."));
    }
}
