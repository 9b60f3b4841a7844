namespace SpbeConnector.Portal.Components;

/// <summary>
/// The title, the one sentence and the way back of a <see cref="MessagePage"/>. A refusal (a form that could not be
/// accepted) is shown as an alert, with an id a test or a screen reader's user can find.
/// </summary>
public sealed record MessagePageModel(string Title, string Text, string? BackHref = null, string? BackText = null, bool Refused = false, string? Id = null);
