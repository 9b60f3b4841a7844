namespace SpbeConnector.Portal.Components.Home;

/// <summary>One entry of the home page: where it goes, its text key, and the pending work it counts (a sentence), if any.</summary>
public sealed record HomeTask(string Href, string Key, string? Pending = null, string? Id = null);
