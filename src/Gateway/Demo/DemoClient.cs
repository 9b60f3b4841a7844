using System.Text.Json;
using System.Text.Json.Serialization;
using SpbeConnector.Registry.Hosting;

namespace SpbeConnector.Gateway.Demo;

/// <summary>
/// The demo's client application, as written to <c>&lt;data dir&gt;/demo-client.json</c> (readable by the owner only):
/// its credentials, random per installation, and where to use them.
/// </summary>
public sealed record DemoClient(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_secret")] string ClientSecret,
    [property: JsonPropertyName("token_endpoint")] string TokenEndpoint,
    [property: JsonPropertyName("example_url")] string ExampleUrl)
{
    public const string FileName = "demo-client.json";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static DemoClient? Read(DataDirectory data)
    {
        var path = data.File(FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<DemoClient>(File.ReadAllText(path)) : null;
    }

    public void Write(DataDirectory data)
    {
        var path = data.File(FileName);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Indented));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
