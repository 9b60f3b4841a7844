using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Contracts;

/// <summary>
/// A data-plane policy's verdict on an API's configuration before the registry accepts it. A document or setting
/// that a policy could not enforce exactly (an unsupported schema keyword, a pattern that does not compile, a file
/// type whose content signature is unknown) is refused at registration, rather than enforced less than it says.
/// </summary>
public interface IApiPolicyCheck
{
    /// <summary>Problems with an OpenAPI document (already read and normalised to JSON), each beginning with a JSON pointer.</summary>
    IReadOnlyList<string> CheckDocument(string documentJson) => [];

    /// <summary>Problems with validation settings, each naming the setting (camelCase, as in the admin API).</summary>
    IEnumerable<(string Setting, string Problem)> CheckSettings(ApiValidationSettings settings) => [];
}
