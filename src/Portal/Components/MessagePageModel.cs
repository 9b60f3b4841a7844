namespace SpbeConnector.Portal.Components;

/// <summary>The title, the one sentence and the way back of a <see cref="MessagePage"/>.</summary>
public sealed record MessagePageModel(string Title, string Text, string? BackHref = null, string? BackText = null);
