namespace SpbeConnector.Registry.Storage;

/// <summary>One element of the ASP.NET Core Data Protection key ring, kept in the shared store (PostgreSQL only).</summary>
public sealed class DataProtectionKeyRow
{
    public long Id { get; set; }
    public string? FriendlyName { get; set; }
    public string Xml { get; set; } = "";
}
