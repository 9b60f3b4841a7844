using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Components.Plans;

/// <summary>
/// The plans an API may offer to subscribers: every registry plan but the administrator-only ones (a plan that lifts the
/// anti-automation limits is attached only by an administrator's decision, Pasal 59 ayat (6) huruf b). The publisher's
/// choices (<see cref="PlanChoices"/>) and the onboarding rules read the same list.
/// </summary>
public static class OfferablePlans
{
    public static async Task<IReadOnlyList<Plan>> ListAsync(PlanCatalog catalog, CancellationToken ct) =>
        (await catalog.ListPlansAsync(ct)).Where(p => !p.AdministratorOnly).ToList();
}
