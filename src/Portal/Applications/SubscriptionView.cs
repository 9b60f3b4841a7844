using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Applications;

/// <summary>A subscription with what the portal recorded around it (plan, purpose, decision), when it came through the portal.</summary>
public sealed record SubscriptionView(Subscription Subscription, SubscriptionRequest? Request);
