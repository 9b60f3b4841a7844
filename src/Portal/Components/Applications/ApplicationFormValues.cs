using Microsoft.AspNetCore.Http;

namespace SpbeConnector.Portal.Components.Applications;

/// <summary>What a refused form of an application's page held, given back beside its problems (nothing is retyped).</summary>
public sealed record ApplicationFormValues(string? ApiId, string? Plan, string? Purpose, string? Jwks, string? Certificate)
{
    public static readonly ApplicationFormValues Empty = new(null, null, null, null, null);

    public static ApplicationFormValues From(IFormCollection? form) => form is null ? Empty
        : new(form["apiId"], form["plan"], form["purpose"], form.ContainsKey("jwks") ? form["jwks"].ToString() : null, form["certificate"]);
}
