namespace SpbeConnector.Portal.Components.Onboarding;

/// <summary>The registration form: what was typed (nothing on a first visit), the document read from it, and the problems by field.</summary>
public sealed record RegisterApiModel(IFormCollection? Form, string? Document, Rendering.FormErrors Errors, string OpdCode)
{
    /// <summary>The fields the form shows problems beside (the document's beside the file and text inputs).</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "name", "slug", "version", "description", "upstreamUrl", "openApiDocument", "classification", "plans", "tags",
        "ownerContact", "pseRegistrationNumber", "slaTargetPercent",
    ];

    /// <summary>Registry fields the form names otherwise: the registry takes a list of upstreams, the form one URL.</summary>
    public static readonly IReadOnlyDictionary<string, string> Inputs = new Dictionary<string, string> { ["upstreamUrls"] = "upstreamUrl" };
}
