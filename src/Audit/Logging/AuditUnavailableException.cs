namespace SpbeConnector.Audit.Logging;

/// <summary>The audit log could not make a record durable in time: in strict mode the request is not forwarded.</summary>
public sealed class AuditUnavailableException(string message) : Exception(message);
