using System.Text.Json;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Hosting;

namespace SpbeConnector.Gateway.Demo;

/// <summary>
/// Puts the demo into an empty registry: the OPDs Disdukcapil (owner of the sample API) and Dinkes (a consumer),
/// and the population-registry API, published, pointing at the sample upstream. On later starts it only moves the
/// demo API to the sample upstream's new address. Everything goes through the catalog's normal rules.
/// </summary>
public sealed partial class DemoSeeder(RegistryCatalog catalog, DataDirectory data, ILogger<DemoSeeder> logger)
{
    public const string OwnerOpd = "disdukcapil";
    public const string ApiSlug = "kependudukan";
    public const string ApiVersion = "v1";
    public const string ExamplePath = "/disdukcapil/kependudukan/v1/penduduk/3275010101900001";
    private const string MarkerFile = "demo.json";

    public async Task SeedAsync(string upstreamBaseUrl, CancellationToken ct)
    {
        var marker = data.File(MarkerFile);
        if (File.Exists(marker) && JsonSerializer.Deserialize<DemoMarker>(await File.ReadAllTextAsync(marker, ct)) is { } existing
            && await catalog.FindApiAsync(existing.ApiId, ct) is { } api)
        {
            if (api.Status != ApiStatus.Retired && !api.UpstreamUrls.SequenceEqual([upstreamBaseUrl]))
                await catalog.UpdateApiAsync(api.Id, new ApiUpdate(api.Name, api.Description, [upstreamBaseUrl], true, api.OpenApiDocument, api.Classification), ct);
            return;
        }
        if ((await catalog.ListOpdsAsync(ct)).Count > 0)
            return; // Not an empty registry: never mix demo data into a real one.

        await catalog.CreateOpdAsync(new OpdInput(OwnerOpd, "Dinas Kependudukan dan Pencatatan Sipil", "disdukcapil.bekasikota.go.id"), ct);
        await catalog.CreateOpdAsync(new OpdInput("dinkes", "Dinas Kesehatan", "dinkes.bekasikota.go.id"), ct);
        var document = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "openapi", "samples", "disdukcapil-kependudukan-v1.json"), ct);
        var created = await catalog.CreateApiAsync(new ApiInput(
            OwnerOpd, "Layanan Data Kependudukan", ApiSlug, ApiVersion,
            "Pencarian dan verifikasi data penduduk (data sintetis untuk demo).",
            [upstreamBaseUrl],
            AllowInsecureUpstream: true, // the sample upstream listens on loopback only
            document, InformationClassification.Restricted), ct);
        foreach (var step in new[] { ApiStatus.Submitted, ApiStatus.Approved, ApiStatus.Published })
            await catalog.MoveApiAsync(created.Id, step, ct);
        await File.WriteAllTextAsync(marker, JsonSerializer.Serialize(new DemoMarker(created.Id)), ct);
        LogSeeded(created.Id);
    }

    private sealed record DemoMarker(Guid ApiId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo seeded: OPDs disdukcapil and dinkes, API {ApiId} published")]
    private partial void LogSeeded(Guid apiId);
}
