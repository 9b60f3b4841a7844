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
    /// The policy of the admin API's approval workflow endpoints (requests and their decisions, change requests, lifecycle
    /// moves, waivers, emergency acts and their review, subscription decisions): a person holding one of
    /// <see cref="WorkflowRoles"/> (with a second factor where the role needs one, and the session's anti-forgery token
    /// for a change), or <c>spbe.admin</c>. The workflow itself decides what each actor may do there.
    /// </summary>
    public const string WorkflowPolicy = "ApprovalWorkflowActor";

    /// <summary>The roles that act in the approval workflow: they submit, decide stages and subscriptions, record waivers, act in an emergency.</summary>
    public static readonly IReadOnlyList<Domain.PortalRole> WorkflowRoles =
    [
        Domain.PortalRole.PlatformAdministrator, Domain.PortalRole.OperationalReviewer, Domain.PortalRole.SecurityReviewer,
        Domain.PortalRole.ApiPublisher, Domain.PortalRole.DataOwner,
    ];

    /// <summary>The policy of the bootstrap endpoint: the first-start token, and only while no administrator exists.</summary>
    public const string BootstrapPolicy = "Bootstrap";

    /// <summary>The claim carrying the client id of a management client.</summary>
    public const string ClientIdClaim = Contracts.AdministrativeActor.ClientIdClaim;

    /// <summary>The claim carrying each management scope of a management client's token.</summary>
    public const string ScopeClaim = "scope";
}
