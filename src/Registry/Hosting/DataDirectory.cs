namespace SpbeConnector.Registry.Hosting;

/// <summary>
/// Where the gateway keeps its state: the SQLite store, the generated development certificate, logs, keys.
/// Default <c>./data</c>; overridden by the environment variable <c>SPBE_DATA_DIR</c> or the setting <c>DataDirectory</c>.
/// </summary>
public sealed class DataDirectory
{
    public const string EnvironmentVariable = "SPBE_DATA_DIR";

    public DataDirectory(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public string SubDirectory(string name)
    {
        var dir = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Resolves the directory from configuration, then the environment, then the default.</summary>
    public static DataDirectory Resolve(string? configured) =>
        new(!string.IsNullOrWhiteSpace(configured) ? configured
            : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env ? env
            : "data");
}
