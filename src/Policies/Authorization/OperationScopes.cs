using Microsoft.AspNetCore.Http;
using SpbeConnector.Policies.Routing;
using SpbeConnector.Policies.SchemaValidation;

namespace SpbeConnector.Policies.Authorization;

/// <summary>
/// The scopes the called operation's OpenAPI security requirements ask for, read from the API's compiled contract
/// (the one schema validation uses, compiled once per document revision). None when the API has no document, its
/// contract is not available, or the document does not describe this method on this path: schema validation, later in
/// <c>DataPlanePipeline</c> (after plan limits, request signatures and CSRF), answers those requests itself.
/// </summary>
internal static class OperationScopes
{
    public static async ValueTask<string[][]> ForAsync(HttpContext context, RoutedApi routed, ApiContractCache contracts)
    {
        if (routed.Published is not { DocumentRevision: > 0 } api)
            return [];
        var contract = await contracts.GetAsync(api, context.RequestAborted);
        return contract?.FindOperation(ApiRelativePath.Of(context), context.Request.Method)?.ScopeAlternatives ?? [];
    }

    /// <summary>Whether the caller's scopes satisfy one alternative entirely (or there is nothing to satisfy).</summary>
    public static bool AreMet(string[][] alternatives, IReadOnlySet<string> granted)
    {
        if (alternatives.Length == 0)
            return true;
        foreach (var alternative in alternatives)
        {
            if (HoldsAll(alternative, granted))
                return true;
        }
        return false;
    }

    private static bool HoldsAll(string[] scopes, IReadOnlySet<string> granted)
    {
        foreach (var scope in scopes)
        {
            if (!granted.Contains(scope))
                return false;
        }
        return true;
    }
}
