using SpbeConnector.Portal.Applications;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Components.Applications;

/// <summary>
/// An application's page: its subscriptions, the APIs it may still ask for with their plans, its secrets (only their
/// endings), the secret just issued (<see cref="IssuedSecretHandover"/>, once), the last action's outcome, and a refused
/// form's values and problems.
/// </summary>
public sealed record ApplicationPageModel(
    ClientApplication Client,
    IReadOnlyList<SubscriptionView> Subscriptions,
    IReadOnlyList<(string Value, string Label)> Apis,
    IReadOnlyList<(string Value, string Label)> Plans,
    IssuedSecret? Secret,
    PortalNotice.Message? Notice,
    ApplicationFormValues Typed,
    FormErrors Errors);
