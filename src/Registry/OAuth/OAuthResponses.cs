using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SpbeConnector.Registry.OAuth;

/// <summary>Writes the JSON answers of the protocol endpoints, never cacheable (RFC 6749 section 5.1).</summary>
internal static class OAuthResponses
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync<T>(HttpContext http, int status, T body)
    {
        http.Response.StatusCode = status;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        return http.Response.WriteAsJsonAsync(body, Json, "application/json; charset=utf-8");
    }

    public static Task WriteErrorAsync(HttpContext http, OAuthError error, string realm)
    {
        if (error.Status == StatusCodes.Status401Unauthorized)
            http.Response.Headers.WWWAuthenticate = $"Basic realm=\"{realm}\", charset=\"UTF-8\"";
        return WriteAsync(http, error.Status, error);
    }
}
