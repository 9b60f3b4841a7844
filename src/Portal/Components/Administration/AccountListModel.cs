using SpbeConnector.Portal.Rendering;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Components.Administration;

/// <summary>
/// What the account administration page shows: one page of the accounts found by the search, the form for a new
/// account (with what was typed and its problems when it came back), and the outcome of the last action.
/// </summary>
public sealed record AccountListModel(
    IReadOnlyList<PortalAccount> Accounts,
    int Total,
    int PageNumber,
    int PageCount,
    string? Search,
    IReadOnlyList<(string Value, string Label)> Opds,
    FormErrors Errors,
    IReadOnlyDictionary<string, string?> Typed,
    PortalNotice.Message? Notice);
