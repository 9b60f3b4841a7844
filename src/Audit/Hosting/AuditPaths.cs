namespace SpbeConnector.Audit.Hosting;

/// <summary>Where the audit log keeps its files: <c>{data}/audit/audit.db</c>, <c>keys/</c> and <c>archive/</c>, unless configured.</summary>
public sealed class AuditPaths
{
    public const string StoreFileName = "audit.db";

    public AuditPaths(AuditOptions options, string dataDirectory)
    {
        Directory = Path.GetFullPath(string.IsNullOrWhiteSpace(options.Directory) ? Path.Combine(dataDirectory, "audit") : options.Directory);
        System.IO.Directory.CreateDirectory(Directory);
        Store = Path.Combine(Directory, StoreFileName);
        Keys = Path.Combine(Directory, "keys");
        Archive = Path.GetFullPath(string.IsNullOrWhiteSpace(options.Retention.ArchiveDirectory) ? Path.Combine(Directory, "archive") : options.Retention.ArchiveDirectory);
    }

    public string Directory { get; }
    public string Store { get; }
    public string Keys { get; }
    public string Archive { get; }
}
