using Microsoft.AspNetCore.Identity;

namespace SpbeConnector.Portal.Accounts;

/// <summary>Identity's results for changes the portal has already validated: a refusal there is a fault, not a user's mistake.</summary>
internal static class IdentityResults
{
    public static async Task Ensure(Task<IdentityResult> operation)
    {
        var result = await operation;
        if (!result.Succeeded)
            throw new InvalidOperationException("the account store refused the change: " + string.Join("; ", result.Errors.Select(e => e.Code)));
    }
}
