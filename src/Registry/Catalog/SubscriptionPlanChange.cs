namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// Moves a subscription to another plan. A plan marked administrator-only (Unlimited) is attached only with
/// <paramref name="AdministratorDecision"/> set, so that lifting limits is always a deliberate, audited act.
/// </summary>
public sealed record SubscriptionPlanChange(string Plan, bool AdministratorDecision = false);
