using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>
/// Client applications, their secrets and their subscriptions, under <c>/admin/v1</c> (Pasal 60 ayat (3) huruf d
/// and f). Secrets are returned once, at creation or rotation, and never again.
/// </summary>
public static class AdminClientEndpoints
{
    public static void MapClientAdminApi(this RouteGroupBuilder admin)
    {
        var clients = admin.MapGroup("/clients").WithTags("Client application");
        clients.MapGet("/", async Task<Results<Ok<List<ClientResponse>>, ValidationProblem>> (string? opd, int? offset, int? limit, ClientCatalog catalog, HttpContext http, CancellationToken ct) =>
                AdminPaging.TryRead(offset, limit, out var page, out var problem)
                    ? TypedResults.Ok(AdminPaging.Page(http, (await catalog.ListClientsAsync(opd, ct)).Select(ClientResponse.From).ToList(), page))
                    : problem!)
            .WithName("ListClients").WithSummary("List the client applications, optionally of one OPD").WithDescription(AdminPaging.Description);
        clients.MapGet("/{clientId}", async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> (string clientId, ClientCatalog catalog, CancellationToken ct) =>
                await catalog.FindClientAsync(clientId, ct) is { } client ? TypedResults.Ok(ClientResponse.From(client)) : AdminProblems.NotFound("client application"))
            .WithName("GetClient").WithSummary("Read one client application");
        clients.MapPost("/", async (ClientInput input, ClientCatalog catalog, HttpContext http, CancellationToken ct) =>
            {
                var (client, secret) = await catalog.CreateClientAsync(input, ct);
                AdminProblems.NoStore(http);
                return TypedResults.Created($"{AdminApiEndpoints.Prefix}/clients/{client.ClientId}", new CreatedClientResponse(ClientResponse.From(client), secret.Secret));
            })
            .WithName("CreateClient").WithSummary("Register a client application of an OPD; its secret is in the answer, shown this once")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        clients.MapPut("/{clientId}", async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> (string clientId, ClientUpdate input, ClientCatalog catalog, CancellationToken ct) =>
                await catalog.UpdateClientAsync(clientId, input, ct) is { } client ? TypedResults.Ok(ClientResponse.From(client)) : AdminProblems.NotFound("client application"))
            .WithName("UpdateClient").WithSummary("Change a client application's name, description or introspection right")
            .ProducesValidationProblem();
        clients.MapPut("/{clientId}/management", async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> (string clientId, ManagementScopesChange change, ManagementClientCatalog catalog, CancellationToken ct) =>
                await catalog.SetManagementScopesAsync(clientId, change, ct) is { } client ? TypedResults.Ok(ClientResponse.From(client)) : AdminProblems.NotFound("client application"))
            .WithName("SetClientManagementScopes")
            .WithSummary("Mark a client as a management client with the scopes spbe.admin and/or spbe.audit, or (no scopes) take the mark away; takes effect at the next request")
            .ProducesValidationProblem();
        admin.MapPost("/management-clients", async (ManagementClientInput input, ManagementClientCatalog catalog, HttpContext http, CancellationToken ct) =>
            {
                var (client, secret) = await catalog.CreateManagementClientAsync(input, ct);
                AdminProblems.NoStore(http);
                return TypedResults.Created($"{AdminApiEndpoints.Prefix}/clients/{client.ClientId}", new CreatedClientResponse(ClientResponse.From(client), secret.Secret));
            })
            .WithTags("Client application")
            .WithName("CreateManagementClient")
            .WithSummary("Register a management client (an automation of the platform, no OPD) with spbe.admin and/or spbe.audit; its secret is in the answer, shown this once")
            .ProducesValidationProblem();
        clients.MapPost("/{clientId}/status", async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> (string clientId, ClientStatusChange change, ApprovalWorkflow workflow, HttpContext http, CancellationToken ct) =>
                await workflow.SetClientStatusAsync(ActorIdentity.FromPrincipal(http.User), clientId, change.Status, change.Reason, ct) is { } client ? TypedResults.Ok(ClientResponse.From(client)) : AdminProblems.NotFound("client application"))
            .WithName("SetClientStatus")
            .WithSummary("Enable or disable a client application; a disabled client's tokens are refused within seconds. Disabling is an emergency act: the reason is required, and the act waits for a second person's review")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        clients.MapPost("/{clientId}/secrets", async Task<Results<Ok<IssuedSecretResponse>, ProblemHttpResult>> (string clientId, SecretRotation? rotation, ClientCatalog catalog, HttpContext http, CancellationToken ct) =>
            {
                if (await catalog.RotateClientSecretAsync(clientId, rotation?.Overlap, ct) is not { } issued)
                    return AdminProblems.NotFound("client application");
                AdminProblems.NoStore(http);
                return TypedResults.Ok(new IssuedSecretResponse(issued.ClientId, issued.SecretId, issued.Secret, issued.CreatedAt));
            })
            .WithName("RotateClientSecret").WithSummary("Issue a new client secret (shown this once); the previous ones keep working for the overlap")
            .ProducesValidationProblem();
        clients.MapDelete("/{clientId}/secrets/{secretId:guid}", async Task<Results<NoContent, ProblemHttpResult>> (string clientId, Guid secretId, ClientCatalog catalog, CancellationToken ct) =>
                await catalog.RevokeClientSecretAsync(clientId, secretId, ct) ? TypedResults.NoContent() : AdminProblems.NotFound("client secret"))
            .WithName("RevokeClientSecret").WithSummary("End one client secret at once");

        var subscriptions = admin.MapGroup("/subscriptions").WithTags("Subscription");
        subscriptions.MapGet("/", async Task<Results<Ok<List<SubscriptionResponse>>, ValidationProblem>> (string? clientId, Guid? apiId, SubscriptionStatus? status, int? offset, int? limit,
                SubscriptionCatalog catalog, HttpContext http, CancellationToken ct) =>
                AdminPaging.TryRead(offset, limit, out var page, out var problem)
                    ? TypedResults.Ok(AdminPaging.Page(http, (await catalog.ListSubscriptionsAsync(clientId, apiId, status, ct)).Select(SubscriptionResponse.From).ToList(), page))
                    : problem!)
            .WithName("ListSubscriptions").WithSummary("List subscriptions, optionally of one client, one API or in one state").WithDescription(AdminPaging.Description);
        subscriptions.MapGet("/{id:guid}", async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> (Guid id, SubscriptionCatalog catalog, CancellationToken ct) =>
                await catalog.FindSubscriptionAsync(id, ct) is { } s ? TypedResults.Ok(SubscriptionResponse.From(s)) : AdminProblems.NotFound("subscription"))
            .WithName("GetSubscription").WithSummary("Read one subscription");
        subscriptions.MapPost("/", async (SubscriptionInput input, ApprovalWorkflow workflow, HttpContext http, CancellationToken ct) =>
            {
                var s = await workflow.RequestSubscriptionAsync(ActorIdentity.FromPrincipal(http.User), input, ct);
                return TypedResults.Created($"{AdminApiEndpoints.Prefix}/subscriptions/{s.Id}", SubscriptionResponse.From(s));
            })
            .WithName("RequestSubscription").WithSummary("Request a client application's subscription to an API, saying for what purpose (required); it starts as requested and gives no access until the API's OPD decides")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>
    /// The subscription decision, on the approval workflow's endpoints (<see cref="Security.ManagementCallerDefaults.WorkflowPolicy"/>):
    /// the approval profile's decider (the API's OPD's publisher or data owner) decides with their own session.
    /// </summary>
    public static void MapSubscriptionDecisionAdminApi(this RouteGroupBuilder group)
    {
        var subscriptions = group.MapGroup("/subscriptions").WithTags("Subscription");
        subscriptions.MapGet("/{id:guid}/request", async Task<Results<Ok<SubscriptionRequestResponse>, ProblemHttpResult>> (Guid id, ApprovalWorkflow workflow, SubscriptionCatalog catalog, CancellationToken ct) =>
                await catalog.FindSubscriptionAsync(id, ct) is { } s && await workflow.FindSubscriptionRequestAsync(id, ct) is { } request
                    ? TypedResults.Ok(SubscriptionRequestResponse.From(request, s, workflow.CurrentProfile.SubscriptionDecider))
                    : AdminProblems.NotFound("subscription request"))
            .WithName("GetSubscriptionRequest")
            .WithSummary("Read what was recorded around a subscription: purpose and scopes asked for, plan, who asked, who decides under the approval profile, who decided, when and why");
        subscriptions.MapPost("/{id:guid}/status", async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> (Guid id, SubscriptionStatusChange change, ApprovalWorkflow workflow, SubscriptionCatalog catalog, HttpContext http, CancellationToken ct) =>
            {
                var actor = ActorIdentity.FromPrincipal(http.User);
                var found = change.Status switch
                {
                    SubscriptionStatus.Revoked => await workflow.RevokeSubscriptionAsync(actor, id, change.Reason, ct) is not null,
                    SubscriptionStatus.Requested => throw new RegistryConflictException("A subscription does not move back to Requested."),
                    _ => await workflow.DecideSubscriptionAsync(actor, id, change.Status == SubscriptionStatus.Approved, change.Reason, ct) is not null,
                };
                return found && await catalog.FindSubscriptionAsync(id, ct) is { } s ? TypedResults.Ok(SubscriptionResponse.From(s)) : AdminProblems.NotFound("subscription");
            })
            .WithName("MoveSubscription")
            .WithSummary("Approve or reject a subscription (the decider of the approval profile: the API's OPD's publisher or data owner, never who asked), or revoke it at once with a reason (an emergency act)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
