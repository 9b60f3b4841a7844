namespace SpbeConnector.Audit.Storage;

/// <summary>A public key of the audit log (checkpoint or receipt signing), kept so that the log can be verified offline.</summary>
public sealed record StoredKey(string KeyId, string Purpose, byte[] SubjectPublicKeyInfo, byte[]? Certificate, long CreatedMs);
