using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Gateway.Hosting;
using SpbeConnector.Gateway.Routing;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Gateway.Tls;

namespace SpbeConnector.TestSupport;

/// <summary>
/// A real gateway for tests: the product's own start-up (migrations, TLS, pipeline) on https://127.0.0.1 with a
/// random port, a fresh data directory, a known administrator token and no demo unless asked for.
/// </summary>
public sealed class TestGateway : IAsyncDisposable
{
    public const string AdminToken = "test-admin-token-0123456789abcdef";
    public const string AuditorToken = "test-auditor-token-0123456789abcdef";

    private TestGateway(GatewayHost host, string dataDirectory, bool ownsDirectory)
    {
        Host = host;
        DataDirectory = dataDirectory;
        _ownsDirectory = ownsDirectory;
        var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(dataDirectory, "tls", DevelopmentCertificate.CertificateFile)));
        Certificate = certificate;
        Client = CreateClient();
        Admin = CreateClient();
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        Auditor = CreateClient();
        Auditor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AuditorToken);
    }

    private readonly bool _ownsDirectory;

    public GatewayHost Host { get; }
    public string DataDirectory { get; }
    public X509Certificate2 Certificate { get; }
    public string BaseUrl => Host.BaseUrl;
    public IServiceProvider Services => Host.Services;

    /// <summary>A client that trusts exactly this gateway's certificate, and sends no credential.</summary>
    public HttpClient Client { get; }

    /// <summary>A client that sends the administrator token.</summary>
    public HttpClient Admin { get; }

    /// <summary>A client that sends the auditor token (the security team's access to the audit log).</summary>
    public HttpClient Auditor { get; }

    public static async Task<TestGateway> StartAsync(IDictionary<string, string?>? settings = null, string? dataDirectory = null, Action<WebApplicationBuilder>? configure = null)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "spbe-test-" + Guid.NewGuid().ToString("N"));
        var all = new Dictionary<string, string?>
        {
            ["DataDirectory"] = dataDirectory,
            ["Admin:Token"] = AdminToken,
            ["Audit:AuditorToken"] = AuditorToken,
            ["Demo:Enabled"] = "false",
            ["urls"] = "https://127.0.0.1:0",
            ["Registry:ChangePollInterval"] = "00:00:00.200",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null)
                all.Remove(key); // null: use the product's default
            else
                all[key] = value;
        }
        var host = await GatewayHost.StartAsync([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(all);
            configure?.Invoke(builder);
        });
        return new TestGateway(host, dataDirectory, owns);
    }

    public HttpClient CreateClient(Action<SocketsHttpHandler>? configure = null)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == Certificate.GetCertHashString() },
        };
        configure?.Invoke(handler);
        return new HttpClient(handler) { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Registers an OPD (if new) and an API, and moves the API to Published.</summary>
    public async Task<Guid> PublishApiAsync(string opd, string slug, string version, IEnumerable<string> upstreams, bool allowInsecure = true, string? openApi = null, string classification = "Restricted")
    {
        var id = await AdminApiCalls.PublishApiAsync(Admin, opd, slug, version, upstreams, allowInsecure, openApi, classification);
        await WaitForRoutesAsync();
        return id;
    }

    public Task EnsureOpdAsync(string code) => AdminApiCalls.EnsureOpdAsync(Admin, code);

    public Task MoveApiAsync(Guid id, string status) => AdminApiCalls.MoveApiAsync(Admin, id, status);

    /// <summary>Waits until the routes in force reflect every change stored so far (they follow within a second).</summary>
    public async Task WaitForRoutesAsync()
    {
        var stored = await Services.GetRequiredService<IPublishedApiSource>().GetConfigVersionAsync(CancellationToken.None);
        var routes = Services.GetRequiredService<RegistryProxyConfigProvider>();
        await EventuallyAsync(() => Task.FromResult(routes.LoadedVersion >= stored), TimeSpan.FromSeconds(5), $"routes reach registry version {stored}");
    }

    public async Task UpdateUpstreamsAsync(Guid id, IEnumerable<string> upstreams, bool allowInsecure = true)
    {
        var current = await Admin.GetFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>($"/admin/v1/apis/{id}");
        await AdminApiCalls.EnsureSuccessAsync(await Admin.PutAsJsonAsync($"/admin/v1/apis/{id}", new
        {
            name = current!["name"].GetString(), description = (string?)null, upstreamUrls = upstreams.ToArray(),
            allowInsecureUpstream = allowInsecure, openApiDocument = (string?)null, classification = current["classification"].GetString(),
        }));
    }

    /// <summary>Polls until <paramref name="condition"/> holds, or fails the test after <paramref name="timeout"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
                return;
            await Task.Delay(25);
        }
        throw new Xunit.Sdk.XunitException($"Timed out after {timeout.TotalMilliseconds} ms waiting until {because}.");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Admin.Dispose();
        Auditor.Dispose();
        await Host.DisposeAsync();
        if (_ownsDirectory)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
        }
    }

}
