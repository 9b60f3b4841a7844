using System.Diagnostics;
using System.Text.Json;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Interop;

/// <summary>Runs a script of the openid-client fixture (tests/Interop/openid-client) with node and reads the one JSON object it prints.</summary>
internal static class OpenIdClientNode
{
    public static string Fixture()
    {
        var fixture = Path.Combine(RepositoryPaths.Root(), "tests", "Interop", "openid-client");
        Assert.True(Directory.Exists(Path.Combine(fixture, "node_modules", "openid-client")) && Directory.Exists(Path.Combine(fixture, "node_modules", "undici")),
            $"openid-client and undici are not installed in {fixture}: run 'npm ci' there (scripts/test.sh does it).");
        return fixture;
    }

    public static async Task<JsonElement> RunAsync(string script, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("node", [script])
        {
            WorkingDirectory = Fixture(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node could not be started; install Node.js (scripts/test.sh checks it).");
        var output = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(node.ExitCode == 0, $"openid-client failed ({node.ExitCode}): {await error}");
        return JsonDocument.Parse(await output).RootElement;
    }
}
