using System.Text.Json;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Hosting;

namespace SpbeConnector.Gateway.Demo;

/// <summary>
/// Puts the demo into an empty registry: the OPDs Disdukcapil (owner of the sample API) and Dinkes (a consumer),
/// the population-registry API, published, pointing at the sample upstream and requiring a token with the scope
/// <see cref="ApiScope"/>, and Dinkes' client application with an approved subscription to it, whose credentials go
/// to <c>demo-client.json</c>. On later starts it only moves the demo API to the sample upstream's new address.
/// Everything goes through the catalog's rules and the one approval workflow, acted by named demo people (a publisher,
/// one reviewer per stage of the profile in force, a developer, the subscription decider): the demo walks the same
/// stages and four-eyes rules as a real onboarding, and an external stage records a letter marked as a demo.
/// </summary>
public sealed partial class DemoSeeder(OpdCatalog catalog, ApiCatalog apis, ClientCatalog clients, ApprovalWorkflow approvals, DataDirectory data, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    private static readonly ActorIdentity Publisher = Demo("demo-penerbit", PortalRole.ApiPublisher, OwnerOpd);
    private static readonly ActorIdentity Developer = Demo("demo-pengembang", PortalRole.ApplicationDeveloper, ConsumerOpd);

    public const string OwnerOpd = "disdukcapil";
    public const string ConsumerOpd = "dinkes";
    public const string ApiSlug = "kependudukan";
    public const string ApiVersion = "v1";
    public const string ApiScope = "penduduk.baca";
    public const string ClientId = "dinkes-aplikasi-demo";
    public const string ExamplePath = "/disdukcapil/kependudukan/v1/penduduk/3275010101900001";
    private const string MarkerFile = "demo.json";

    /// <summary>A client secret issued by this start, not yet written to <c>demo-client.json</c>.</summary>
    private string? _newSecret;

    public async Task SeedAsync(string upstreamBaseUrl, CancellationToken ct)
    {
        var marker = data.File(MarkerFile);
        if (File.Exists(marker) && JsonSerializer.Deserialize<DemoMarker>(await File.ReadAllTextAsync(marker, ct)) is { } existing
            && await apis.FindApiAsync(existing.ApiId, ct) is { } api)
        {
            if (api.Status != ApiStatus.Retired && !api.UpstreamUrls.SequenceEqual([upstreamBaseUrl]))
            {
                // The sample upstream listens on a new port each start: a change of a live API, so a change request.
                var outcome = await approvals.ProposeChangeAsync(Publisher, api.Id, new ProposedChange(Api: new ApiUpdate(api.Name, api.Description, [upstreamBaseUrl], true,
                    api.OpenApiDocument, api.Classification, api.IsPublic, api.ForwardAccessToken, api.Scopes, api.RequiredScopes)), ct);
                if (outcome?.Pending is { } request)
                    await DecideEveryStageAsync(request, ct);
            }
            // A demo seeded before clients existed gets its client now.
            if (DemoClient.Read(data) is null && await clients.FindClientAsync(ClientId, ct) is null && api.Status != ApiStatus.Retired)
                await SeedClientAsync(api.Id, ct);
            return;
        }
        if ((await catalog.ListOpdsAsync(ct)).Count > 0)
            return; // Not an empty registry: never mix demo data into a real one.

        await catalog.CreateOpdAsync(new OpdInput(OwnerOpd, "Dinas Kependudukan dan Pencatatan Sipil", "disdukcapil.bekasikota.go.id"), ct);
        await catalog.CreateOpdAsync(new OpdInput("dinkes", "Dinas Kesehatan", "dinkes.bekasikota.go.id"), ct);
        var document = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "openapi", "samples", "disdukcapil-kependudukan-v1.json"), ct);
        var created = await apis.CreateApiAsync(new ApiInput(
            OwnerOpd, "Layanan Data Kependudukan", ApiSlug, ApiVersion,
            "Pencarian dan verifikasi data penduduk (data sintetis untuk demo).",
            [upstreamBaseUrl],
            AllowInsecureUpstream: true, // the sample upstream listens on loopback only
            document, InformationClassification.Restricted,
            Scopes: [ApiScope], RequiredScopes: [ApiScope]), ct);
        // The registration profile a submission needs (owner contact, PSE number, SLA target, plans), on the draft at once.
        await approvals.ProposeChangeAsync(Publisher, created.Id, new ProposedChange(Profile: new ApiProfileUpdate(
            "Seksi Data Disdukcapil, data@disdukcapil.bekasikota.go.id", "PSE-DEMO-0001/2026", 99.5m, ["Bronze", "Silver"], ["kependudukan", "demo"])), ct);
        var submitted = await approvals.SubmitAsync(Publisher, created.Id, ct);
        await DecideEveryStageAsync(submitted!, ct);
        await approvals.PublishAsync(Publisher, created.Id, ct);
        await SeedClientAsync(created.Id, ct);
        await File.WriteAllTextAsync(marker, JsonSerializer.Serialize(new DemoMarker(created.Id)), ct);
        LogSeeded(created.Id);
    }

    /// <summary>
    /// Writes <c>demo-client.json</c> once the gateway's address is known: with the secret issued by this start, or,
    /// on later starts, the stored secret with the current addresses.
    /// </summary>
    public DemoClient? WriteClientFile(string issuer, string baseUrl)
    {
        var secret = Interlocked.Exchange(ref _newSecret, null) ?? DemoClient.Read(data)?.ClientSecret;
        if (secret is null)
            return null;
        var file = new DemoClient(ClientId, secret, issuer + Registry.OAuth.OAuthEndpoints.TokenPath, baseUrl + ExamplePath);
        file.Write(data);
        return file;
    }

    private async Task SeedClientAsync(Guid apiId, CancellationToken ct)
    {
        var (_, secret) = await clients.CreateClientAsync(new ClientInput(ConsumerOpd, "Aplikasi Demo Dinkes",
            "Aplikasi contoh yang memanggil Layanan Data Kependudukan melalui gateway.", ClientId), ct);
        var subscription = await approvals.RequestSubscriptionAsync(Developer,
            new SubscriptionInput(ClientId, apiId, [ApiScope], Purpose: "Demo: verifikasi data penduduk untuk layanan kesehatan (data sintetis)."), ct);
        var decider = approvals.CurrentProfile.SubscriptionDecider;
        await approvals.DecideSubscriptionAsync(Demo("demo-" + decider.ToString().ToLowerInvariant(), decider, OwnerOpd), subscription.Id, approve: true, null, ct);
        _newSecret = secret.Secret;
    }

    /// <summary>Each stage of the request's profile decided by its own demo reviewer; an external stage with a letter marked as a demo.</summary>
    private async Task DecideEveryStageAsync(ApprovalRequest request, CancellationToken ct)
    {
        var profile = approvals.ProfileOf(request);
        foreach (var stage in profile.Stages)
        {
            var reviewer = new ActorIdentity("demo:peninjau-" + stage.Key, "demo-peninjau-" + stage.Key, stage.DecidedBy.ToHashSet(), null);
            var letter = stage.ExternalAuthority is null ? null : new ExternalDecisionLetter($"DEMO/{stage.Key}/{request.Id:N}", DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
                stage.ExternalAuthority, "surat-demo.txt", "text/plain",
                System.Text.Encoding.UTF8.GetBytes($"SURAT DEMO, bukan keputusan {stage.ExternalAuthority} yang sebenarnya: data contoh SPBE Connector."));
            await approvals.DecideAsync(reviewer, request.Id, new ApprovalDecisionInput(true, "Demo: disetujui otomatis oleh data contoh.", Letter: letter), ct);
        }
    }

    private static ActorIdentity Demo(string name, PortalRole role, string opd) => new("demo:" + name, name, new HashSet<PortalRole> { role }, opd);

    private sealed record DemoMarker(Guid ApiId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo seeded: OPDs disdukcapil and dinkes, API {ApiId} published")]
    private partial void LogSeeded(Guid apiId);
}
