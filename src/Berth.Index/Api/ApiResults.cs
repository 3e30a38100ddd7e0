using Berth.Index.Repositories;
using Microsoft.AspNetCore.Http;

namespace Berth.Index.Api;

/// <summary>Problem details for the API's refusals, and the mapping of service exceptions to them.</summary>
internal static class ApiResults
{
    public static IResult Problem(int status, string detail) => Results.Problem(detail: detail, statusCode: status);

    public static IResult NotFound(string what) => Problem(StatusCodes.Status404NotFound, $"{what} does not exist or is not visible to you.");

    /// <summary>Runs a mutation, answering 400 for invalid input and 403 for a missing permission.</summary>
    public static async Task<IResult> GuardAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (IndexForbiddenException e)
        {
            return Problem(StatusCodes.Status403Forbidden, e.Message);
        }
        catch (IndexException e)
        {
            return Problem(StatusCodes.Status400BadRequest, e.Message);
        }
    }
}
