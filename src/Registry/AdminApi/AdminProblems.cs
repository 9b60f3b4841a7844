using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>Answers shared by the admin API's endpoints.</summary>
internal static class AdminProblems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{what} not found",
            detail: $"No {what} is registered under that identifier.");

    /// <summary>An answer carrying a secret must never be cached (Pasal 59 ayat (16) huruf e).</summary>
    public static void NoStore(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
    }
}
