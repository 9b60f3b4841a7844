using System.Diagnostics;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Hosting;

/// <summary>
/// `dotnet run --project src/Gateway` from the repository root keeps its data in ./data there, as the README says, not
/// in src/Gateway/data; and neither folder can be committed by mistake (it holds private keys and tokens).
/// </summary>
public class DataDirectoryLocationTests
{
    [Fact]
    public async Task Dotnet_run_runs_the_gateway_in_the_directory_it_is_typed_in()
    {
        var typedIn = Directory.CreateTempSubdirectory("spbe-run-").FullName;
        try
        {
            // What `dotnet run` uses as the process's working directory, and so where the default ./data resolves.
            var (exit, output) = await RunAsync("dotnet", typedIn, "msbuild", Path.Combine(RepositoryPaths.Root(), "src", "Gateway", "Gateway.csproj"),
                "-getProperty:RunWorkingDirectory", "-nologo");
            Assert.True(exit == 0, output);
            Assert.Equal(Path.TrimEndingDirectorySeparator(typedIn), Path.TrimEndingDirectorySeparator(output.Trim()));
        }
        finally
        {
            Directory.Delete(typedIn, recursive: true);
        }
    }

    [Fact]
    public void The_default_data_directory_is_data_under_the_working_directory()
    {
        Assert.True(string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Registry.Hosting.DataDirectory.EnvironmentVariable)),
            "SPBE_DATA_DIR is set in the test environment: unset it to test the default");
        var resolved = Registry.Hosting.DataDirectory.Resolve(null);
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "data"), resolved.Path);
    }

    [Theory]
    [InlineData("data/audit/keys/checkpoint-signing.key")]
    [InlineData("src/Gateway/data/admin-token.sha256")]
    public async Task The_data_directories_are_ignored_by_git(string path)
    {
        var (exit, output) = await RunAsync("git", RepositoryPaths.Root(), "check-ignore", "--no-index", path);
        Assert.True(exit == 0, $"git does not ignore {path}: {output}");
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} could not be started");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
