using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace SpbeConnector.TestSupport;

/// <summary>
/// The gateway as a separate process, started from its built assembly (<c>dotnet SpbeConnector.Gateway.dll</c>) exactly
/// as an operator runs it, so that tests can kill it (SIGKILL) and start it again on the same data directory.
/// </summary>
public sealed partial class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private GatewayProcess(Process process, string dataDirectory, IDictionary<string, string> environment)
    {
        _process = process;
        DataDirectory = dataDirectory;
        _environment = environment;
    }

    /// <summary>The settings the process runs with, for command lines run beside it on the same data directory.</summary>
    private readonly IDictionary<string, string> _environment;

    public string DataDirectory { get; }
    public string BaseUrl { get; private set; } = "";
    public int ProcessId => _process.Id;
    public string Output { get { lock (_output) return string.Join('\n', _output); } }

    /// <summary>The gateway's assembly, built beside the test assembly with the same configuration.</summary>
    public static string GatewayAssembly()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory); // tests/X/bin/<Configuration>/net10.0/
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "SpbeConnector.sln")))
            root = root.Parent;
        var dll = Path.Combine(root!.FullName, "src", "Gateway", "bin", configuration, testBin.Name, "SpbeConnector.Gateway.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException($"Build the gateway first ({dll} is missing).");
        return dll;
    }

    public static async Task<GatewayProcess> StartAsync(string dataDirectory, IDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(GatewayAssembly());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("https://127.0.0.1:0");
        var environment = new Dictionary<string, string>
        {
            ["SPBE_DATA_DIR"] = dataDirectory,
            ["Admin__Token"] = TestGateway.AdminToken,
            ["Demo__Enabled"] = "false",
            ["Serilog__MinimumLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            environment[key.Replace(":", "__")] = value;
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        var process = Process.Start(start)!;
        var gateway = new GatewayProcess(process, dataDirectory, environment);
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Collect(string? line)
        {
            if (line is null)
                return;
            lock (gateway._output)
                gateway._output.Add(line);
            if (GatewayLine().Match(line) is { Success: true } match)
                listening.TrySetResult(match.Groups[1].Value);
        }
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != listening.Task)
        {
            if (!process.HasExited)
                process.Kill();
            throw new InvalidOperationException($"The gateway process did not start:\n{gateway.Output}");
        }
        gateway.BaseUrl = await listening.Task;
        return gateway;
    }

    /// <summary>A client that trusts this gateway's development certificate, optionally sending a bearer token.</summary>
    public HttpClient CreateClient(string? bearer = null)
    {
        var client = new HttpClient(NewHandler()) { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (bearer is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    /// <summary>
    /// A client calling the admin API as a management client with <c>spbe.admin</c>, created as an operator's script
    /// does: <c>admin create-client</c> run beside the gateway on its data directory and settings.
    /// </summary>
    public Task<HttpClient> CreateAdminClientAsync() => CreateManagementClientAsync(SpbeConnector.Registry.Contracts.ManagementScopes.Admin);

    /// <summary>A client sending the token of a new management client with <paramref name="scope"/> (see <see cref="CreateAdminClientAsync"/>).</summary>
    public async Task<HttpClient> CreateManagementClientAsync(string scope)
    {
        var (exit, output, error) = await RunCommandAsync(_environment, TimeSpan.FromMinutes(2), "admin", "create-client", "--name", "test " + scope, "--scope", scope);
        if (exit != 0)
            throw new InvalidOperationException($"admin create-client exited with {exit}:\n{output}\n{error}");
        var json = System.Text.Json.JsonDocument.Parse(output).RootElement;
        var credentials = new TestClientCredentials(json.GetProperty("client_id").GetString()!, json.GetProperty("client_secret").GetString()!);
        var tokens = new ManagementTokenHandler(() => Task.FromResult(credentials), () => CreateClient(), scope) { InnerHandler = NewHandler() };
        return new HttpClient(tokens) { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    private SocketsHttpHandler NewHandler()
    {
        var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(DataDirectory, "tls", "gateway-dev.crt")));
        return new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.GetCertHashString() == certificate.GetCertHashString() },
        };
    }

    /// <summary>SIGKILL: the process dies at once, with no chance to flush or stop cleanly.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: the gateway stops cleanly (drains, writes its stop record and a final checkpoint).</summary>
    public async Task StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Runs the gateway's command line (e.g. <c>audit verify</c>) as a process and returns its exit code and output.</summary>
    public static async Task<(int Exit, string Output)> RunCommandAsync(params string[] args)
    {
        var (exit, output, error) = await RunCommandAsync(new Dictionary<string, string>(), TimeSpan.FromMinutes(5), args);
        return (exit, output + error);
    }

    /// <summary>
    /// Runs the gateway's command line with environment variables, and kills it when it has not exited within
    /// <paramref name="timeout"/> (a command line that starts a server instead of exiting), failing with its output.
    /// </summary>
    public static async Task<(int Exit, string Output, string Error)> RunCommandAsync(IDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(GatewayAssembly());
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"'{string.Join(' ', args)}' was still running after {timeout}:\n{await output}\n{await error}");
        }
        return (process.ExitCode, await output, await error);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            await KillAsync();
        _process.Dispose();
    }

    [GeneratedRegex(@"Gateway:\s+(https://\S+?)(,|$)")]
    private static partial Regex GatewayLine();
}
