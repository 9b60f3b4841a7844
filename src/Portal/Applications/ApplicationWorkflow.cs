using Microsoft.EntityFrameworkCore;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Portal.Security;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Portal.Applications;

/// <summary>
/// Applications and subscriptions in the portal. A developer registers applications of their own OPD and asks for
/// subscriptions with a plan and a purpose; the OPD owning the API decides (its publisher or data owner, as the approval
/// profile says: REG-11) through the registry's <see cref="ApprovalWorkflow"/>; credentials are
/// issued once a subscription is approved, shown once (Pasal 59 ayat (8): secrets only as hashes). Every change goes
/// through <see cref="ClientCatalog"/> and <see cref="SubscriptionCatalog"/>, the rules of the admin API. Refusals carry portal text keys.
/// </summary>
public sealed class ApplicationWorkflow(IDbContextFactory<RegistryDbContext> contexts, ClientCatalog clients, SubscriptionCatalog subscriptionCatalog, ApprovalWorkflow approvals)
{
    public async Task<IReadOnlyList<ClientApplication>> ListClientsAsync(PortalPrincipal developer, CancellationToken ct) =>
        developer.Role == PortalRole.ApplicationDeveloper && developer.OpdCode is not null ? await clients.ListClientsAsync(developer.OpdCode, ct) : [];

    /// <summary>The developer's own OPD's application, or null (also for another OPD's: it is not revealed).</summary>
    public async Task<ClientApplication?> FindClientAsync(PortalPrincipal developer, string clientId, CancellationToken ct)
    {
        var client = await clients.FindClientAsync(clientId, ct);
        return developer.Role == PortalRole.ApplicationDeveloper && client?.Opd?.Code == developer.OpdCode ? client : null;
    }

    /// <summary>
    /// Registers an application, without a secret: the developer asks for one once a subscription is approved and sees
    /// it then, once (a secret made at registration would be one nobody was shown).
    /// </summary>
    public async Task<ClientApplication> CreateClientAsync(PortalPrincipal developer, string name, string? description, CancellationToken ct)
    {
        if (developer.Role != PortalRole.ApplicationDeveloper || developer.OpdCode is null)
            throw new RegistryConflictException("application.notDeveloper");
        return await clients.CreateClientWithoutSecretAsync(new ClientInput(developer.OpdCode, name, description), ct);
    }

    public async Task<IReadOnlyList<SubscriptionView>> ListSubscriptionsAsync(string clientId, CancellationToken ct) =>
        await WithRequestsAsync(await subscriptionCatalog.ListSubscriptionsAsync(clientId, null, null, ct), ct);

    /// <summary>
    /// The developer's applications, each with its subscription to <paramref name="apiId"/> if it has one (requested,
    /// approved, rejected or revoked): the API page offers subscribing only to those without one.
    /// </summary>
    public async Task<IReadOnlyList<(ClientApplication Client, Subscription? Subscription)>> ApplicationsForApiAsync(PortalPrincipal developer, Guid apiId, CancellationToken ct)
    {
        var own = await ListClientsAsync(developer, ct);
        if (own.Count == 0)
            return [];
        var subscriptions = (await subscriptionCatalog.ListSubscriptionsAsync(null, apiId, null, ct)).ToDictionary(s => s.ClientApplicationId);
        return own.Select(c => (c, subscriptions.GetValueOrDefault(c.Id))).ToList();
    }

    /// <summary>
    /// Asks for a subscription with one of the plans the API offers (<see cref="Browsing.CatalogEntry.OfferedPlans"/>)
    /// and a purpose; the registry refuses a second subscription of the same application to the same API.
    /// </summary>
    public async Task<Subscription> RequestSubscriptionAsync(PortalPrincipal developer, string clientId, Guid apiId, string? plan, string? purpose, CancellationToken ct)
    {
        var client = await FindClientAsync(developer, clientId, ct) ?? throw new RegistryConflictException("application.notFound");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var api = await db.Apis.AsNoTracking().SingleOrDefaultAsync(a => a.Id == apiId, ct);
        var profile = await db.ApiProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.ApiId == apiId, ct);
        var errors = new Dictionary<string, string[]>();
        if (api is null || !SpbeConnector.Registry.Domain.ApiLifecycle.IsRouted(api.Status))
            errors["apiId"] = ["application.apiNotPublished"];
        else if (string.IsNullOrWhiteSpace(plan) || !new Browsing.CatalogEntry(api, profile).OfferedPlans.Contains(plan))
            errors["plan"] = ["application.planInvalid"];
        if (string.IsNullOrWhiteSpace(purpose))
            errors["purpose"] = ["onboarding.required"];
        if (errors.Count > 0)
            throw new RegistryValidationException(errors);
        if (await db.Subscriptions.AnyAsync(s => s.ClientApplicationId == client.Id && s.ApiId == apiId, ct))
            throw new RegistryConflictException("application.alreadySubscribed");
        // The plan chosen is the subscription's plan, the limits and quotas the gateway enforces once it is approved.
        return await approvals.RequestSubscriptionAsync(developer.ToActor(), new SubscriptionInput(client.ClientId, apiId, Plan: plan, Purpose: purpose), ct);
    }

    /// <summary>
    /// A new client secret, shown once; the previous ones end after the configured overlap. Only once an API has
    /// approved the application: before that, credentials would open nothing.
    /// </summary>
    public async Task<IssuedSecret> IssueSecretAsync(PortalPrincipal developer, string clientId, CancellationToken ct)
    {
        var client = await FindClientAsync(developer, clientId, ct) ?? throw new RegistryConflictException("application.notFound");
        var subscriptions = await subscriptionCatalog.ListSubscriptionsAsync(client.ClientId, null, SubscriptionStatus.Approved, ct);
        if (subscriptions.Count == 0)
            throw new RegistryConflictException("application.noApprovedSubscription");
        return (await clients.RotateClientSecretAsync(client.ClientId, null, ct))!;
    }

    /// <summary>Replaces the application's public keys (JWKS, for private_key_jwt) and certificates (PEM, for mutual TLS).</summary>
    public async Task SetKeysAsync(PortalPrincipal developer, string clientId, string? jwks, string? certificatePem, CancellationToken ct)
    {
        var client = await FindClientAsync(developer, clientId, ct) ?? throw new RegistryConflictException("application.notFound");
        IReadOnlyList<string>? certificates = string.IsNullOrWhiteSpace(certificatePem) ? null : [certificatePem];
        await clients.UpdateClientAsync(client.ClientId, new ClientUpdate(client.Name, client.Description, client.MayIntrospect,
            string.IsNullOrWhiteSpace(jwks) ? null : jwks, certificates, client.TlsClientAuthSubjectDn), ct);
    }

    /// <summary>Who decides subscriptions under the approval profile in force: the OPD's publisher, or its data owner.</summary>
    public PortalRole SubscriptionDecider => approvals.CurrentProfile.SubscriptionDecider;

    /// <summary>
    /// Subscriptions to the APIs of the decider's OPD (its publisher or data owner, as the approval profile says), the
    /// requests waiting first.
    /// </summary>
    public async Task<IReadOnlyList<SubscriptionView>> ListRequestsToOpdAsync(PortalPrincipal publisher, CancellationToken ct)
    {
        if (publisher.Role != approvals.CurrentProfile.SubscriptionDecider || publisher.OpdCode is null)
            return [];
        var all = await subscriptionCatalog.ListSubscriptionsAsync(null, null, null, ct);
        var own = all.Where(s => s.Api?.Opd?.Code == publisher.OpdCode)
            .OrderBy(s => s.Status == SubscriptionStatus.Requested ? 0 : 1).ThenByDescending(s => s.UpdatedAt).ToList();
        return await WithRequestsAsync(own, ct);
    }

    /// <summary>
    /// The owning OPD's decision on a subscription through the registry's <see cref="ApprovalWorkflow"/> (the profile's
    /// decider, never who asked); another OPD's subscription is not found.
    /// </summary>
    public async Task<Subscription> DecideSubscriptionAsync(PortalPrincipal publisher, Guid subscriptionId, bool approve, string? notes, CancellationToken ct)
    {
        var subscription = await subscriptionCatalog.FindSubscriptionAsync(subscriptionId, ct);
        if (publisher.Role != approvals.CurrentProfile.SubscriptionDecider || subscription is null || subscription.Api?.Opd?.Code != publisher.OpdCode)
            throw new RegistryConflictException("application.subscriptionNotFound");
        if (!approve && string.IsNullOrWhiteSpace(notes))
            throw new RegistryValidationException(new Dictionary<string, string[]> { ["notes"] = ["onboarding.notesRequired"] });
        try
        {
            return (await approvals.DecideSubscriptionAsync(publisher.ToActor(), subscriptionId, approve, notes, ct))!;
        }
        catch (ApprovalRefusedException)
        {
            throw new RegistryConflictException("review.fourEyes");
        }
    }

    private async Task<IReadOnlyList<SubscriptionView>> WithRequestsAsync(IReadOnlyList<Subscription> subscriptions, CancellationToken ct)
    {
        var ids = subscriptions.Select(s => s.Id).ToList();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var requests = await db.SubscriptionRequests.AsNoTracking().Where(r => ids.Contains(r.SubscriptionId)).ToDictionaryAsync(r => r.SubscriptionId, ct);
        return subscriptions.Select(s => new SubscriptionView(s, requests.GetValueOrDefault(s.Id))).ToList();
    }
}
