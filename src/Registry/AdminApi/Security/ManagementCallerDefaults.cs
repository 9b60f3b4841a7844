namespace SpbeConnector.Registry.AdminApi.Security;

/// <summary>
/// Names of the management interfaces' callers (Pasal 59 ayat (6) huruf c; ayat (9): logs that say who): a person
/// through the portal's session, or a management client through an access token of this server's own.
/// </summary>
public static class ManagementCallerDefaults
{
    /// <summary>
    /// The scheme the admin and audit APIs authenticate with: it forwards a bearer token to <see cref="ClientScheme"/>
    /// and anything else to the portal's session; challenges and refusals are the bearer scheme's (401/403, never a
    /// redirect to a sign-in page).
    /// </summary>
    public const string CallerScheme = "ManagementCaller";

    /// <summary>The scheme of a management client's access token.</summary>
    public const string ClientScheme = "ManagementClient";

    /// <summary>The scheme of the first-start token, which only creates the first administrator.</summary>
    public const string BootstrapScheme = "BootstrapToken";

    /// <summary>The authorization policy every admin API endpoint requires: platform administrator or <c>spbe.admin</c>.</summary>
    public const string AdminPolicy = "PlatformAdministrator";

    /// <summary>
    /// The policy of the approval workflow's review endpoints (the profile, approval requests and their decisions,
    /// emergency acts and their review after the fact): besides the platform administrator and <c>spbe.admin</c>, the
    /// operational and security reviewers, who see every API in review on the portal too. The workflow decides who may
    /// decide what (the stage's role, four eyes).
    /// </summary>
    public const string ReviewPolicy = "ApprovalReviewer";

    /// <summary>
    /// The policy of a subscription's decision: besides the platform administrator and <c>spbe.admin</c>, the people an
    /// approval profile may name as the decider (an OPD's publisher or data owner) and the security reviewer (a revocation
    /// is an emergency act). The workflow refuses anyone but the API's OPD's decider, and never who asked.
    /// </summary>
    public const string SubscriptionDecisionPolicy = "SubscriptionDecider";

    /// <summary>The policy of the bootstrap endpoint: the first-start token, and only while no administrator exists.</summary>
    public const string BootstrapPolicy = "Bootstrap";

    /// <summary>The claim carrying the client id of a management client.</summary>
    public const string ClientIdClaim = Contracts.AdministrativeActor.ClientIdClaim;

    /// <summary>The claim carrying each management scope of a management client's token.</summary>
    public const string ScopeClaim = "scope";
}
