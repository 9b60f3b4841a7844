namespace SpbeConnector.Audit.Storage;

/// <summary>Another process is already the writer of this audit log; the message names the store and the fix.</summary>
public sealed class AuditWriterLeaseTakenException(string location) : InvalidOperationException(
    $"Another gateway node is already writing the audit log in {location}. Two writers on one log would each find the " +
    "other's records under them. Give each node its own Audit:NodeId (each node then writes its own schema), or stop " +
    "the other process first.");
