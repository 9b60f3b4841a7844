namespace SpbeConnector.Portal.Rendering;

/// <summary>The region's logo (Portal:RegionLogoPath), served by the portal at <see cref="Path"/>.</summary>
public static class RegionLogo
{
    public const string Path = "/portal/static/logo";

    public const long MaximumBytes = 512 * 1024;

    /// <summary>The media type of a logo file by its extension; null for a kind the portal does not serve.</summary>
    public static string? MediaTypeOf(string file) => System.IO.Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".webp" => "image/webp",
        _ => null,
    };

    /// <summary>The logo's bytes, read once when first asked for (the file is checked at start).</summary>
    public static IResult Serve(PortalOptions options) => options.RegionLogoPath is { } file
        ? Results.File(Cache.GetOrAdd(file, File.ReadAllBytes), MediaTypeOf(file))
        : Results.NotFound();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> Cache = new();
}
