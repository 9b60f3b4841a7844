using SpbeConnector.Portal.Rendering;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Components.Administration;

/// <summary>The OPD page: the registered OPDs, the form for a new one (as typed when refused), the last action's outcome.</summary>
public sealed record OpdListModel(IReadOnlyList<Opd> Opds, IReadOnlyDictionary<string, string?> Typed, FormErrors Errors, PortalNotice.Message? Notice);
