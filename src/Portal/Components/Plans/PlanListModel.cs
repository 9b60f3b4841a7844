using SpbeConnector.Portal.Rendering;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Components.Plans;

/// <summary>The plans page: every plan with its limits, the form for a new one (as typed when refused), the last action's outcome.</summary>
public sealed record PlanListModel(IReadOnlyList<Plan> Plans, PlanFormValues Typed, FormErrors Errors, PortalNotice.Message? Notice);
