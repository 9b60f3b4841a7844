using SpbeConnector.Portal.Rendering;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Components.Applications;

/// <summary>
/// A developer's applications page: their OPD's applications, the form for a new one (its name and description as typed
/// when refused), and the last action's outcome.
/// </summary>
public sealed record ApplicationListModel(IReadOnlyList<ClientApplication> Clients, string? OpdCode, string? Name, string? Description, FormErrors Errors, PortalNotice.Message? Notice);
