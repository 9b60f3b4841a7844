namespace SpbeConnector.Policies.Exchange;

/// <summary>
/// A request signature the gateway verified (proof of origin, Tunggal Pasal 1 angka 25): the key and client, when it
/// was made, and the fields as sent, which the audit record keeps.
/// </summary>
public sealed record VerifiedRequestSignature(string KeyId, string ClientId, long Created, string SignatureInput, string Signature);
