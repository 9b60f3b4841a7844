namespace SpbeConnector.Policies.RequestSignatures;

/// <summary>A client's request-signing key given in configuration: the client id and the public key in PEM.</summary>
public sealed class ConfiguredClientKey
{
    public string ClientId { get; set; } = "";
    public string PublicKey { get; set; } = "";
}
