using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Portal.Accounts;
using SpbeConnector.Registry.AdminApi;
using SpbeConnector.Registry.AdminApi.Security;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.AdminApi;

/// <summary>
/// <c>POST /admin/v1/bootstrap/administrator</c>: the one thing the first-start token (<c>Admin:Token</c>, or the one
/// printed at first start) does: create the first platform administrator of the portal. Once any administrator
/// exists it is refused (403) whatever token is presented, and every act needs a named person or management client
/// (Pasal 59 ayat (6) huruf c; ayat (9): logs that say who). Recovery when every administrator is lost is
/// <c>portal create-admin</c> on the host, which needs access to the host, not a token.
/// </summary>
public static class AdminBootstrapEndpoints
{
    public const string Path = AdminApiEndpoints.Prefix + "/bootstrap/administrator";

    /// <summary>Two requests at once must not both see "no administrator yet" (within this node).</summary>
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static IEndpointRouteBuilder MapAdministratorBootstrap(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, async Task<Results<Created<PortalAccountResponse>, ProblemHttpResult>> (
                BootstrapAdministratorRequest input, HttpContext http, PortalAccountService accounts, IAuditTrail audit, CancellationToken ct) =>
            {
                await OneAtATime.WaitAsync(ct);
                try
                {
                    if (await accounts.AnyAdministratorAsync(ct))
                    {
                        await RecordAsync(http, audit, "refused", input.Username, StatusCodes.Status403Forbidden);
                        return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "An administrator exists",
                            detail: "The first-start token only creates the first administrator and is no longer accepted. Sign in as an " +
                                "administrator, or use a management client; on the host, 'portal create-admin' recovers a lost administrator.");
                    }
                    var account = await AdminPortalAccountEndpoints.InEnglishAsync(() => accounts.CreateAsync(
                        new PortalAccountInput(input.Username, input.DisplayName ?? input.Username, PortalRole.PlatformAdministrator, null, input.Password),
                        mustChangePassword: false, ct));
                    await RecordAsync(http, audit, "succeeded", account.Username, StatusCodes.Status201Created);
                    return TypedResults.Created($"{AdminApiEndpoints.Prefix}/portal-accounts/{account.Username}", PortalAccountResponse.From(account));
                }
                finally
                {
                    OneAtATime.Release();
                }
            })
            .RequireAuthorization(ManagementCallerDefaults.BootstrapPolicy)
            .WithGroupName(AdminApiEndpoints.DocumentName)
            .WithTags("Bootstrap")
            .WithName("BootstrapAdministrator")
            .WithSummary("Create the first platform administrator with the first-start token; refused once an administrator exists")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return endpoints;
    }

    private static async Task RecordAsync(HttpContext http, IAuditTrail audit, string outcome, string? username, int status) =>
        await audit.AppendAsync(new AuditEvent("admin", "BootstrapAdministrator", outcome, Actor: AdministrativeActor.Bootstrap, Target: username,
            Status: status, RequestId: http.TraceIdentifier, SourceIp: http.Connection.RemoteIpAddress?.ToString()), http.RequestAborted);
}
