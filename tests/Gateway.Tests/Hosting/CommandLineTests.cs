using SpbeConnector.Gateway.Hosting;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Hosting;

/// <summary>
/// A command line the gateway does not know is refused with the usage and a non-zero exit, before it creates a data
/// directory or opens a port: `admin create-client` (no such command) once seeded and served on the default port.
/// </summary>
public class CommandLineTests
{
    [Theory]
    [InlineData("admin", "create-client")]
    [InlineData("serve")]
    [InlineData("--verbose")]
    [InlineData("--urls")]
    [InlineData("--Audit:Mode=Strict", "extra")]
    public void Arguments_that_are_not_settings_cannot_start_a_server(params string[] args) =>
        Assert.NotNull(ServerArguments.Problem(args));

    [Theory]
    [InlineData]
    [InlineData("--urls", "https://127.0.0.1:0")]
    [InlineData("--urls=https://127.0.0.1:0", "--Audit:Mode=Strict")]
    [InlineData("--Gateway:DrainTimeout", "00:00:05", "--DataDirectory=/tmp/x")]
    [InlineData("--dataDirectory", "/tmp/x", "--environment=Production")]
    public void Settings_start_a_server(params string[] args) =>
        Assert.Null(ServerArguments.Problem(args));

    [Theory]
    [InlineData("admin", "create-client")]
    [InlineData("--no-such-option=1")]
    public async Task An_unknown_command_prints_the_usage_and_exits_non_zero_without_creating_data_or_listening(params string[] args)
    {
        var root = Directory.CreateTempSubdirectory("spbe-cli-").FullName;
        var data = Path.Combine(root, "data");
        try
        {
            var (exit, output, error) = await GatewayProcess.RunCommandAsync(new Dictionary<string, string>
            {
                ["SPBE_DATA_DIR"] = data,
                // Were the command taken for "run the server", it would listen here rather than on the default port.
                ["ASPNETCORE_URLS"] = "https://127.0.0.1:0",
                ["Demo__Enabled"] = "false",
            }, TimeSpan.FromSeconds(60), args);

            Assert.Equal(GatewayCommandLine.UsageError, exit);
            Assert.Contains("Usage:", error);
            Assert.DoesNotContain("is running", output);
            Assert.False(Directory.Exists(data), "the refused command line created the data directory");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Help_prints_the_usage_and_exits_zero()
    {
        var (exit, output, _) = await GatewayProcess.RunCommandAsync(new Dictionary<string, string>(), TimeSpan.FromSeconds(60), "--help");
        Assert.Equal(0, exit);
        Assert.Contains("portal create-admin", output);
    }
}
