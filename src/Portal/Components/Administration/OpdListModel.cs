using SpbeConnector.Portal.Rendering;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Components.Administration;

/// <summary>The OPD page: the registered OPDs, the form for a new one (as typed when refused), the last action's outcome.</summary>
public sealed record OpdListModel(IReadOnlyList<Opd> Opds, IReadOnlyDictionary<string, string?> Typed, FormErrors Errors, PortalNotice.Message? Notice)
{
    /// <summary>The inputs of the new-OPD form, beside which their problems are shown.</summary>
    public static readonly IReadOnlyList<string> Fields = ["code", "name", "tenantDomain"];
}
