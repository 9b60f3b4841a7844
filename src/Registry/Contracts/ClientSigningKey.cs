namespace SpbeConnector.Registry.Contracts;

/// <summary>A client application's request-signing key: its id, the client it belongs to, and the DER SubjectPublicKeyInfo.</summary>
public sealed record ClientSigningKey(string KeyId, string ClientId, byte[] SubjectPublicKeyInfo);
