using System.ComponentModel.DataAnnotations;

namespace SpbeConnector.Policies.Cors;

/// <summary>Gateway-wide settings of the CORS policy (section <c>Cors</c>); which origins may call an API is the API's own setting in the registry.</summary>
public sealed class CorsOptions
{
    public const string Section = "Cors";

    /// <summary>
    /// How long browsers may cache a preflight answer when the API sets no <c>maxAge</c>. Browsers cap it themselves
    /// (Chromium at two hours); without any, they would ask again before every request.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan DefaultMaxAge { get; set; } = TimeSpan.FromMinutes(10);
}
