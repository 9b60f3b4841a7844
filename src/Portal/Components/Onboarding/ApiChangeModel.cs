using SpbeConnector.Portal.Rendering;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Components.Onboarding;

/// <summary>The form changing an API's settings: the API, its onboarding details (a draft's), the fields' values and the problems.</summary>
public sealed record ApiChangeModel(Api Api, ApiProfile? Profile, IReadOnlyDictionary<string, string> Values, FormErrors Errors, string? Document)
{
    /// <summary>A draft changes at once; a live API's change waits for the approval stages.</summary>
    public bool IsDraft => Api.Status == ApiStatus.Draft;
}
