namespace SpbeConnector.Audit.Tree;

/// <summary>A proof needs leaves that retention moved to an archive file; the archive itself proves them.</summary>
public sealed class ArchivedRecordsException(string message) : Exception(message);
