namespace SpbeConnector.Portal.Components.Onboarding;

/// <summary>The registration form: what was typed (nothing on a first visit), the document read from it, and the problems by field.</summary>
public sealed record RegisterApiModel(IFormCollection? Form, string? Document, Rendering.FormErrors Errors, string OpdCode);
