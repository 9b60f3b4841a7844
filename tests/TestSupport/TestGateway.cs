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
/// random port, a fresh data directory, a known first-start token and no demo unless asked for. <see cref="Admin"/> and
/// <see cref="Auditor"/> are management clients (spbe.admin, spbe.audit), created on first use.
/// </summary>
public sealed class TestGateway : IAsyncDisposable
{
    /// <summary>The first-start token (<c>Admin:Token</c>): it only creates the first administrator.</summary>
    public const string AdminToken = "test-admin-token-0123456789abcdef";

    private TestGateway(GatewayHost host, string dataDirectory, bool ownsDirectory)
    {
        Host = host;
        DataDirectory = dataDirectory;
        _ownsDirectory = ownsDirectory;
        var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(dataDirectory, "tls", DevelopmentCertificate.CertificateFile)));
        Certificate = certificate;
        Client = CreateClient();
        _adminTokens = ManagementClient("test-admin", SpbeConnector.Registry.Contracts.ManagementScopes.Admin);
        Admin = CreateClient(_adminTokens);
        Auditor = CreateClient(ManagementClient("test-auditor", SpbeConnector.Registry.Contracts.ManagementScopes.Audit));
    }

    private readonly ManagementTokenHandler _adminTokens;

    private ManagementTokenHandler ManagementClient(string name, string scope) => new(async () =>
    {
        var (client, secret) = await Services.GetRequiredService<SpbeConnector.Registry.Catalog.ManagementClientCatalog>()
            .CreateManagementClientAsync(new SpbeConnector.Registry.Catalog.ManagementClientInput(name, null, [scope]), CancellationToken.None);
        return new TestClientCredentials(client.ClientId, secret.Secret);
    }, () => Client, scope);

    /// <summary>A current access token of <see cref="Admin"/>'s management client (spbe.admin), for requests written by hand.</summary>
    public Task<string> AdminAccessTokenAsync() => _adminTokens.TokenAsync();

    private HttpClient CreateClient(ManagementTokenHandler tokens)
    {
        tokens.InnerHandler = NewHandler();
        return new HttpClient(tokens) { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    private readonly bool _ownsDirectory;

    public GatewayHost Host { get; }
    public string DataDirectory { get; }
    public X509Certificate2 Certificate { get; }
    public string BaseUrl => Host.BaseUrl;
    public IServiceProvider Services => Host.Services;

    /// <summary>A client presenting <paramref name="certificate"/> over mutual TLS.</summary>
    public HttpClient CreateClient(X509Certificate2 certificate) => CreateClient(handler =>
    {
        handler.SslOptions.ClientCertificates = new X509CertificateCollection { certificate };
        handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
    });

    /// <summary>A client that trusts exactly this gateway's certificate, and sends no credential.</summary>
    public HttpClient Client { get; }

    /// <summary>A management client with <c>spbe.admin</c>: the admin API.</summary>
    public HttpClient Admin { get; }

    /// <summary>A management client with <c>spbe.audit</c> (the security team's access to the audit log).</summary>
    public HttpClient Auditor { get; }

    public static async Task<TestGateway> StartAsync(IDictionary<string, string?>? settings = null, string? dataDirectory = null, Action<WebApplicationBuilder>? configure = null)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "spbe-test-" + Guid.NewGuid().ToString("N"));
        var all = new Dictionary<string, string?>
        {
            ["DataDirectory"] = dataDirectory,
            ["Admin:Token"] = AdminToken,
            ["Demo:Enabled"] = "false",
            ["urls"] = "https://127.0.0.1:0",
            ["Registry:ChangePollInterval"] = "00:00:00.200",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // Fewer PBKDF2 rounds than the product's default keep the many token requests of the tests fast;
            // the hash format and its checks are the same.
            ["OAuth:SecretHashIterations"] = "10000",
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

    /// <summary>
    /// Sets a data directory up through an in-process gateway (its APIs approved by the test reviewers of the approval
    /// workflow, as no admin API caller decides a stage alone), for a test that then runs a gateway process on it.
    /// </summary>
    public static async Task SetUpDataDirectoryAsync(string dataDirectory, Func<TestGateway, Task> setUp)
    {
        await using var gateway = await StartAsync(dataDirectory: dataDirectory);
        await setUp(gateway);
    }

    public HttpClient CreateClient(Action<SocketsHttpHandler>? configure = null)
    {
        var handler = NewHandler();
        configure?.Invoke(handler);
        return new HttpClient(handler) { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    private SocketsHttpHandler NewHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == Certificate.GetCertHashString() },
    };

    /// <summary>A client whose connections come from the loopback address <paramref name="localAddress"/> (127.0.0.x), to act as another source.</summary>
    public HttpClient CreateClientFrom(string localAddress) => CreateClient(handler => handler.ConnectCallback = ConnectFrom(localAddress));

    /// <summary>
    /// A connect callback binding the client's socket to <paramref name="localAddress"/> before connecting: Linux routes
    /// all of 127.0.0.0/8 to the loopback interface, so each 127.0.0.x is a distinct client address.
    /// </summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectFrom(string localAddress) => async (context, ct) =>
    {
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Parse(localAddress), 0));
            await socket.ConnectAsync(context.DnsEndPoint, ct);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    };

    /// <summary>
    /// Registers an OPD (if new) and an API, and moves the API to Published. The API requires an access token
    /// unless <paramref name="isPublic"/>.
    /// </summary>
    public async Task<Guid> PublishApiAsync(string opd, string slug, string version, IEnumerable<string> upstreams, bool allowInsecure = true,
        string? openApi = null, string classification = "Restricted", bool isPublic = false, string[]? scopes = null, string[]? requiredScopes = null,
        bool forwardAccessToken = false, object? upstreamOAuth = null, string? upstreamTimeout = null, object? healthCheck = null)
    {
        var id = await RegisterApiAsync(opd, slug, version, upstreams, allowInsecure, openApi, classification, isPublic, scopes, requiredScopes, forwardAccessToken, upstreamOAuth,
            through: "Published", upstreamTimeout: upstreamTimeout, healthCheck: healthCheck);
        await WaitForRoutesAsync();
        await WaitForAccessAsync();
        return id;
    }

    /// <summary>
    /// Publishes an API that is called without an access token, for tests about everything but authentication
    /// (validation, audit, limits): what they send reaches the policy they test.
    /// </summary>
    public Task<Guid> PublishPublicApiAsync(string opd, string slug, string version, IEnumerable<string> upstreams, bool allowInsecure = true,
        string? openApi = null, string classification = "Restricted") =>
        PublishApiAsync(opd, slug, version, upstreams, allowInsecure, openApi, classification, isPublic: true);

    /// <summary>The approval workflow as the named test people (reviewers, deciders) act on it.</summary>
    public TestApprovals Approvals => new(Services);

    /// <summary>
    /// Registers an OPD (if new) and an API, and moves the API through its lifecycle up to <paramref name="through"/>:
    /// the administrator submits and publishes through the admin API; the stages are decided by test reviewers.
    /// </summary>
    public async Task<Guid> RegisterApiAsync(string opd, string slug, string version, IEnumerable<string> upstreams, bool allowInsecure = true,
        string? openApi = null, string classification = "Restricted", bool isPublic = false, string[]? scopes = null, string[]? requiredScopes = null,
        bool forwardAccessToken = false, object? upstreamOAuth = null, string through = "Approved", string? upstreamTimeout = null, object? healthCheck = null)
    {
        await EnsureOpdAsync(opd);
        var created = await Admin.PostAsJsonAsync("/admin/v1/apis", new
        {
            opdCode = opd, name = $"{opd} {slug}", slug, version, upstreamUrls = upstreams.ToArray(),
            allowInsecureUpstream = allowInsecure, openApiDocument = openApi, classification, isPublic,
            scopes = scopes ?? [], requiredScopes = requiredScopes ?? [], forwardAccessToken, upstreamOAuth, upstreamTimeout, healthCheck,
        });
        await AdminApiCalls.EnsureSuccessAsync(created);
        var id = (await created.Content.ReadFromJsonAsync<AdminApiCalls.IdOnly>())!.Id;
        await PutRegistrationProfileAsync(id);
        if (openApi is null && classification != "Public")
            await Approvals.RecordWaiverAsync(id, Services.GetRequiredService<TimeProvider>().GetUtcNow());
        foreach (var status in new[] { "Submitted", "Approved", "Published" })
        {
            if (status == "Approved")
                await Approvals.ApprovePendingAsync(id);
            else
                await MoveApiAsync(id, status);
            if (status == through)
                break;
        }
        return id;
    }

    /// <summary>
    /// Replaces one of an API's settings (<c>validation</c>, <c>cors</c>, <c>profile</c>) through the admin API, put in
    /// force by <see cref="ChangeInForceAsync"/>. A refusal (400) is returned as it is.
    /// </summary>
    public async Task<HttpResponseMessage> PutApiSettingAsync(Guid apiId, string setting, object body) =>
        await ChangeInForceAsync(apiId, await Admin.PutAsJsonAsync($"/admin/v1/apis/{apiId}/{setting}", body));

    /// <summary>
    /// The one place tests about everything but approvals put a change of an API in force: a live API answers a change
    /// with 202 and a change request (issue 18), which the test reviewers approve at once, each stage by its own
    /// reviewer; then the routes are waited for. A draft's change (200) and a refusal are returned as they are.
    /// </summary>
    public async Task<HttpResponseMessage> ChangeInForceAsync(Guid apiId, HttpResponseMessage response)
    {
        if (response.StatusCode == System.Net.HttpStatusCode.Accepted)
        {
            await Approvals.ApprovePendingAsync(apiId);
            await WaitForRoutesAsync();
        }
        return response;
    }

    /// <summary>
    /// Gives a draft the registration profile a submission needs (issue 18: owner contact, PSE registration number, SLA
    /// target of at least 95%, a plan offered), as its publisher would before submitting.
    /// </summary>
    public async Task PutRegistrationProfileAsync(Guid apiId) =>
        await AdminApiCalls.EnsureSuccessAsync(await Admin.PutAsJsonAsync($"/admin/v1/apis/{apiId}/profile", new
        {
            ownerContact = "Seksi Data, layanan@example.go.id", pseRegistrationNumber = "PSE-000001/2026", slaTargetPercent = 99.5m, plans = new[] { "Bronze" },
        }));

    public Task EnsureOpdAsync(string code) => AdminApiCalls.EnsureOpdAsync(Admin, code);

    public Task MoveApiAsync(Guid id, string status) => AdminApiCalls.MoveApiAsync(Admin, id, status);

    /// <summary>Waits until the routes in force reflect every change stored so far (they follow within a second).</summary>
    public async Task WaitForRoutesAsync()
    {
        var stored = await Services.GetRequiredService<IPublishedApiSource>().GetConfigVersionAsync(CancellationToken.None);
        var routes = Services.GetRequiredService<RegistryProxyConfigProvider>();
        await EventuallyAsync(() => Task.FromResult(routes.LoadedVersion >= stored), TimeSpan.FromSeconds(5), $"routes reach registry version {stored}");
    }

    /// <summary>Waits until the access rules in force (clients, subscriptions, revocations) reflect every change stored so far.</summary>
    public async Task WaitForAccessAsync()
    {
        var stored = await Services.GetRequiredService<IAccessSnapshotSource>().GetAccessVersionAsync(CancellationToken.None);
        var access = Services.GetRequiredService<SpbeConnector.Policies.Access.AccessSnapshotCache>();
        await EventuallyAsync(() => Task.FromResult(access.LoadedVersion >= stored), TimeSpan.FromSeconds(5), $"access rules reach version {stored}");
    }

    /// <summary>
    /// A client for calling an API as an application would: a new client application of <paramref name="opd"/>,
    /// subscribed (approved) to the API, with an access token for it in every request.
    /// </summary>
    public async Task<HttpClient> CreateCallerAsync(Guid apiId, string opd = "pemanggil", string? scope = null)
    {
        var credentials = await CreateClientAsync(opd);
        await SubscribeAsync(credentials.ClientId, apiId);
        var caller = CreateClient();
        caller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await GetTokenAsync(credentials, scope));
        return caller;
    }

    public async Task UpdateUpstreamsAsync(Guid id, IEnumerable<string> upstreams, bool allowInsecure = true)
    {
        var current = await Admin.GetFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>($"/admin/v1/apis/{id}");
        var changed = await Admin.PutAsJsonAsync($"/admin/v1/apis/{id}", new
        {
            name = current!["name"].GetString(), description = (string?)null, upstreamUrls = upstreams.ToArray(),
            allowInsecureUpstream = allowInsecure, openApiDocument = (string?)null, classification = current["classification"].GetString(),
            isPublic = current["isPublic"].GetBoolean(), forwardAccessToken = current["forwardAccessToken"].GetBoolean(),
            scopes = current["scopes"], requiredScopes = current["requiredScopes"],
        });
        await AdminApiCalls.EnsureSuccessAsync(changed);
        await ChangeInForceAsync(id, changed);
    }

    /// <summary>Registers a client application of an OPD (the OPD created if new); returns its id and its secret.</summary>
    public async Task<TestClientCredentials> CreateClientAsync(string opd, string? clientId = null, bool mayIntrospect = false, string? jwks = null,
        string[]? certificates = null, string? tlsClientAuthSubjectDn = null)
    {
        await EnsureOpdAsync(opd);
        var created = await Admin.PostAsJsonAsync("/admin/v1/clients", new { opdCode = opd, name = $"Aplikasi {opd}", clientId, mayIntrospect, jwks, certificates, tlsClientAuthSubjectDn });
        await AdminApiCalls.EnsureSuccessAsync(created);
        var body = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        return new TestClientCredentials(body.GetProperty("client").GetProperty("clientId").GetString()!, body.GetProperty("clientSecret").GetString()!);
    }

    /// <summary>Subscribes a client to an API and, unless told otherwise, approves the subscription; returns its id.</summary>
    public async Task<Guid> SubscribeAsync(string clientId, Guid apiId, bool approve = true, string[]? scopes = null)
    {
        var requested = await Admin.PostAsJsonAsync("/admin/v1/subscriptions", new { clientId, apiId, scopes, purpose = "Test subscription" });
        await AdminApiCalls.EnsureSuccessAsync(requested);
        var id = (await requested.Content.ReadFromJsonAsync<AdminApiCalls.IdOnly>())!.Id;
        if (approve)
        {
            await Approvals.ApproveSubscriptionAsync(id);
            await WaitForAccessAsync();
        }
        return id;
    }

    /// <summary>Asks the token endpoint for an access token with client_secret_basic; returns the token response's fields.</summary>
    public async Task<System.Text.Json.JsonElement> RequestTokenAsync(TestClientCredentials client, string? scope = null, params string[] resources)
    {
        var response = await PostTokenRequestAsync(client, scope, resources);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{(int)response.StatusCode} from the token endpoint: {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement;
    }

    /// <summary>An access token for the client (client_secret_basic), optionally narrowed by scope and resource.</summary>
    public async Task<string> GetTokenAsync(TestClientCredentials client, string? scope = null, params string[] resources) =>
        (await RequestTokenAsync(client, scope, resources)).GetProperty("access_token").GetString()!;

    public async Task<HttpResponseMessage> PostTokenRequestAsync(TestClientCredentials client, string? scope = null, params string[] resources)
    {
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (scope is not null)
            form.Add(new("scope", scope));
        form.AddRange(resources.Select(r => new KeyValuePair<string, string>("resource", r)));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth2/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", BasicCredentials(client.ClientId, client.Secret));
        return await Client.SendAsync(request);
    }

    /// <summary>RFC 6749 section 2.3.1: form-urlencode the id and secret, then Basic-encode them.</summary>
    public static string BasicCredentials(string clientId, string secret) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}"));

    /// <summary>The identifier (token audience, RFC 8707 resource) of an API path prefix such as <c>/dinkes/faskes/v1</c>.</summary>
    public string ApiIdentifier(string pathPrefix) => BaseUrl + pathPrefix;

    public async Task MoveSubscriptionAsync(Guid id, string status)
    {
        // Revoking is an emergency act and says why; approving is the decider's (see SubscribeAsync).
        await AdminApiCalls.EnsureSuccessAsync(await Admin.PostAsJsonAsync($"/admin/v1/subscriptions/{id}/status", new { status, reason = "Test: " + status }));
        await WaitForAccessAsync();
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

/// <summary>A client application's credentials as the admin API returned them at registration.</summary>
public sealed record TestClientCredentials(string ClientId, string Secret);
