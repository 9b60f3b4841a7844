namespace SpbeConnector.Gateway.Management;

/// <summary>A connection feature marking a connection accepted on a management listener (<c>Gateway:ManagementUrls</c>).</summary>
public sealed class ManagementConnection
{
    public static readonly ManagementConnection Instance = new();

    private ManagementConnection()
    {
    }
}
