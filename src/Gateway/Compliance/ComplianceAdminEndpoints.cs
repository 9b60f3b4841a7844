using SpbeConnector.Portal.Compliance;
using SpbeConnector.Gateway.AdminApi;
using SpbeConnector.Registry.Compliance;

namespace SpbeConnector.Gateway.Compliance;

/// <summary>
/// <c>GET /admin/v1/compliance</c>: the compliance report of this installation as JSON (Pasal 59 ayat (2) huruf a),
/// the same object the command line prints, behind the administrator credential like the rest of the admin API; its
/// digest is in the response's Content-Digest and in the audit log (<see cref="ServedComplianceReport"/>).
/// </summary>
public static class ComplianceAdminEndpoints
{
    public static void MapComplianceAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGatewayAdminGroup("Compliance");
        group.MapGet("/compliance", (HttpContext http, ServedComplianceReport served, CancellationToken ct) => served.ServeAsync(http, "admin", ct))
            .WithName("GetComplianceReport")
            .WithSummary("Every item of Pasal 59 and 60 of the regulation judged on this installation's live settings and state")
            .Produces<ComplianceReport>(StatusCodes.Status200OK);
    }
}
