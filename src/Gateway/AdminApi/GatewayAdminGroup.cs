using SpbeConnector.Registry.AdminApi;
using SpbeConnector.Registry.AdminApi.Security;

namespace SpbeConnector.Gateway.AdminApi;

/// <summary>
/// The admin API endpoints the gateway adds beside the registry's: same prefix, callers, audit record of every change
/// (naming the person or the management client) and document.
/// </summary>
public static class GatewayAdminGroup
{
    public static RouteGroupBuilder MapGatewayAdminGroup(this IEndpointRouteBuilder endpoints, string tag) =>
        endpoints.MapGroup(AdminApiEndpoints.Prefix)
            .RequireAuthorization(ManagementCallerDefaults.AdminPolicy)
            .AddEndpointFilter<AdminAuditFilter>()
            .WithGroupName(AdminApiEndpoints.DocumentName)
            .WithTags(tag)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
}
