using Microsoft.AspNetCore.Http;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// Reads the form body of a protocol request: <c>application/x-www-form-urlencoded</c> only (RFC 6749 section 3.2),
/// no parameter given twice (section 3.1) except those that may repeat (RFC 8707 <c>resource</c>), and no
/// credentials in the query string.
/// </summary>
internal static class ProtocolForm
{
    public static async Task<(IFormCollection? Form, OAuthError? Error)> ReadAsync(HttpRequest request, IReadOnlyCollection<string> multiValued, CancellationToken ct)
    {
        if (!HttpMethods.IsPost(request.Method) || request.ContentType is null
            || !request.ContentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            return (null, OAuthError.InvalidRequest("Send a POST with Content-Type application/x-www-form-urlencoded."));
        if (request.Query.ContainsKey("client_secret"))
            return (null, OAuthError.InvalidRequest("Credentials must not be sent in the URL."));
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return (null, OAuthError.InvalidRequest("The form body could not be read."));
        }
        foreach (var (name, values) in form)
        {
            if (values.Count > 1 && !multiValued.Contains(name))
                return (null, OAuthError.InvalidRequest($"A parameter is repeated; each may appear once."));
        }
        return (form, null);
    }
}
