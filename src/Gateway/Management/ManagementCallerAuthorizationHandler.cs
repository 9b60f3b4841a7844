using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using SpbeConnector.Portal.Security;
using SpbeConnector.Registry.AdminApi.Security;

namespace SpbeConnector.Gateway.Management;

/// <summary>
/// Decides <see cref="ManagementCallerRequirement"/>: a management client by the scopes its (checked) token still
/// holds; a person by the role of their portal session, signed in with a second factor where the role needs one
/// (<see cref="SecondFactorRule"/>), who owes no password change, and who, for a request that
/// changes something, sends the anti-forgery token of that session (the session is a cookie the browser sends by
/// itself, so a cross-site request must not ride on it: Pasal 59 ayat (5) huruf f).
/// </summary>
public sealed class ManagementCallerAuthorizationHandler(IAntiforgery antiforgery) : AuthorizationHandler<ManagementCallerRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ManagementCallerRequirement requirement)
    {
        if (context.User.FindFirst(ManagementCallerDefaults.ClientIdClaim) is not null)
        {
            if (context.User.HasClaim(ManagementCallerDefaults.ScopeClaim, requirement.Scope))
                context.Succeed(requirement);
            return;
        }
        if (PortalPrincipal.From(context.User) is not { MustChangePassword: false } person || !requirement.Roles.Contains(person.Role))
            return;
        // The administrator, the reviewers and the auditor act only from a session that presented a second factor, as on
        // the portal's own pages (Pasal 59 ayat (6) huruf c): a password alone opens no management interface to them.
        if (!SpbeConnector.Portal.Security.SecondFactorRule.IsSatisfied(context.User))
        {
            context.Fail(new AuthorizationFailureReason(this, "This role acts only from a session signed in with a second factor."));
            return;
        }
        if (context.Resource is not HttpContext http)
            return;
        if (!IsSafe(http.Request.Method) && !await antiforgery.IsRequestValidAsync(http))
        {
            context.Fail(new AuthorizationFailureReason(this, "A change by a portal session needs the session's anti-forgery token."));
            return;
        }
        context.Succeed(requirement);
    }

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
}
