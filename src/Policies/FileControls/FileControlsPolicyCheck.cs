using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Policies.FileControls;

/// <summary>Refuses, at configuration time, an allowed file type whose content the gateway could not check.</summary>
public sealed class FileControlsPolicyCheck : IApiPolicyCheck
{
    public IEnumerable<(string Setting, string Problem)> CheckSettings(ApiValidationSettings settings)
    {
        if (settings.AllowedFileTypes is null)
            yield break;
        for (var i = 0; i < settings.AllowedFileTypes.Count; i++)
        {
            if (!FileSignatures.IsKnown(settings.AllowedFileTypes[i]))
                yield return ($"allowedFileTypes[{i}]", "is not a file type whose content the gateway can check; known types: " + string.Join(", ", FileSignatures.Known.Order()));
        }
    }
}
