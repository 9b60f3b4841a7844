using SpbeConnector.Registry.AdminApi;
using SpbeConnector.Registry.AdminApi.Security;

namespace SpbeConnector.Gateway.AdminApi;

/// <summary>The admin API endpoints the gateway adds beside the registry's: same prefix, credential and document.</summary>
public static class GatewayAdminGroup
{
    public static RouteGroupBuilder MapGatewayAdminGroup(this IEndpointRouteBuilder endpoints, string tag) =>
        endpoints.MapGroup(AdminApiEndpoints.Prefix)
            .RequireAuthorization(AdminTokenDefaults.Policy)
            .WithGroupName(AdminApiEndpoints.DocumentName)
            .WithTags(tag)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
}
