using SpbeConnector.Portal.Applications;
using SpbeConnector.Portal.Rendering;

namespace SpbeConnector.Portal.Components.Applications;

/// <summary>The decider's page: the subscriptions to their OPD's APIs, waiting ones first, the last decision's outcome, a refused decision's problems.</summary>
public sealed record SubscriptionRequestsModel(IReadOnlyList<SubscriptionView> Requests, PortalNotice.Message? Notice, FormErrors Errors);
