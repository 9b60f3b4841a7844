using Microsoft.Extensions.Options;
using SpbeConnector.Portal.Rendering;

namespace SpbeConnector.Portal;

/// <summary>
/// Stops the start when Portal:RegionLogoPath names a file the portal cannot serve as the region's logo, saying which
/// file and what to change, rather than showing every page with a broken image.
/// </summary>
public sealed class PortalOptionsValidation : IValidateOptions<PortalOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalOptions options)
    {
        if (options.RegionLogoPath is not { } file)
            return ValidateOptionsResult.Success;
        var setting = $"{PortalOptions.Section}:{nameof(PortalOptions.RegionLogoPath)}";
        if (RegionLogo.MediaTypeOf(file) is null)
            return ValidateOptionsResult.Fail($"{setting} is '{file}', which is not an .svg, .png, .jpg or .webp file. Convert the logo to one of these or remove the setting.");
        if (!File.Exists(file))
            return ValidateOptionsResult.Fail($"{setting} is '{file}', which does not exist or cannot be read. Put the logo there or correct the setting.");
        if (new FileInfo(file).Length > RegionLogo.MaximumBytes)
            return ValidateOptionsResult.Fail($"{setting} is '{file}', larger than {RegionLogo.MaximumBytes / 1024} KiB. Use a smaller image (every page shows it).");
        return ValidateOptionsResult.Success;
    }
}
