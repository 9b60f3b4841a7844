using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Portal.Accounts;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Registry.AdminApi;

namespace SpbeConnector.Portal.AdminApi;

/// <summary>
/// The portal's account administration under <c>/admin/v1/portal-accounts</c>: the same actions as the portal's
/// <i>Pengguna</i> page, through the same <see cref="PortalAccountService"/> rules (Pasal 59 ayat (4)).
/// </summary>
public static class AdminPortalAccountEndpoints
{
    public static void MapPortalAccountAdminApi(this RouteGroupBuilder admin)
    {
        var accounts = admin.MapGroup("/portal-accounts").WithTags("Portal account");
        accounts.MapGet("/", async Task<Results<Ok<List<PortalAccountResponse>>, ValidationProblem>> (string? q, int? offset, int? limit, PortalAccountService service, HttpContext http, CancellationToken ct) =>
            {
                if (!AdminPaging.TryRead(offset, limit, out var page, out var problem))
                    return problem!;
                var (items, total) = await service.SearchAsync(q, page.Offset, page.Limit, ct);
                AdminPaging.Describe(http, total, page);
                return TypedResults.Ok(items.Select(PortalAccountResponse.From).ToList());
            })
            .WithName("ListPortalAccounts").WithSummary("List the portal accounts by user name, optionally those whose user name, name or OPD code contains q")
            .WithDescription(AdminPaging.Description);
        accounts.MapPost("/", async (PortalAccountRequest input, PortalAccountService service, CancellationToken ct) =>
            {
                var account = await InEnglishAsync(() => service.CreateAsync(new PortalAccountInput(input.Username, input.DisplayName, input.Role, input.OpdCode, input.TemporaryPassword),
                    mustChangePassword: true, ct));
                return TypedResults.Created($"{AdminApiEndpoints.Prefix}/portal-accounts/{account.Username}", PortalAccountResponse.From(account));
            })
            .WithName("CreatePortalAccount").WithSummary("Create a portal account with a temporary password its user must change at the first login")
            .ProducesValidationProblem();
        accounts.MapPost("/{username}/password-reset", async Task<Results<Ok<PortalAccountResponse>, ProblemHttpResult>> (string username, PortalPasswordReset input, PortalAccountService service, CancellationToken ct) =>
                await InEnglishAsync(() => service.ResetPasswordAsync(username, input.TemporaryPassword, ct)) is { } account
                    ? TypedResults.Ok(PortalAccountResponse.From(account)) : AdminProblems.NotFound("portal account"))
            .WithName("ResetPortalPassword").WithSummary("Set a temporary password, unlock the account and end its sessions; the user must change it at the next login")
            .ProducesValidationProblem();
        accounts.MapPost("/{username}/status", async Task<Results<Ok<PortalAccountResponse>, ProblemHttpResult>> (string username, PortalAccountStatusChange change, PortalAccountService service, CancellationToken ct) =>
                await service.SetDisabledAsync(username, change.Disabled, ct) is { } account ? TypedResults.Ok(PortalAccountResponse.From(account)) : AdminProblems.NotFound("portal account"))
            .WithName("SetPortalAccountStatus").WithSummary("Disable (ending its sessions) or re-enable a portal account");
    }

    /// <summary>The account rules speak in portal text keys; API clients get their English text in the problem details.</summary>
    internal static async Task<T> InEnglishAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (RegistryValidationException ex)
        {
            var english = PortalText.For("en");
            throw new RegistryValidationException(ex.Errors.ToDictionary(e => e.Key, e => e.Value.Select(p => english[p]).ToArray()));
        }
    }
}
