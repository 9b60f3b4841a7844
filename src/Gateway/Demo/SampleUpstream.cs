using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace SpbeConnector.Gateway.Demo;

/// <summary>
/// The demo's OPD service: a small population-registry API on loopback, started by the same command as the
/// gateway, answering synthetic data. It stands for an agency's real backend behind the gateway.
/// </summary>
public sealed class SampleUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SampleUpstream(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<SampleUpstream> StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, SampleJsonContext.Default));
        var app = builder.Build();

        app.MapGet("/penduduk/{nik}", (string nik) =>
            SyntheticResidents.Find(nik) is { } resident
                ? Results.Ok(resident)
                : Results.Problem(statusCode: 404, title: "NIK tidak terdaftar", detail: "Tidak ada penduduk dengan NIK tersebut."));
        app.MapPost("/penduduk/verifikasi", (VerificationRequest request) =>
        {
            var resident = SyntheticResidents.Find(request.Nik ?? "");
            var matched = new List<string>();
            if (resident is not null && string.Equals(resident.Nama, request.Nama?.Trim(), StringComparison.OrdinalIgnoreCase))
                matched.Add("nama");
            if (resident is not null && resident.TanggalLahir == request.TanggalLahir)
                matched.Add("tanggalLahir");
            return Results.Ok(new VerificationResult(request.Nik ?? "", matched.Count == 2, matched));
        });
        app.MapGet("/kecamatan", () => SyntheticResidents.Kecamatan.Select(k => new District(k.Kode, k.Nama)).ToArray());

        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SampleUpstream(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record VerificationRequest(string? Nik, string? Nama, string? TanggalLahir);

    public sealed record VerificationResult(string Nik, bool Cocok, IReadOnlyList<string> Dicocokkan);

    public sealed record District(string Kode, string Nama);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SyntheticResidents.Resident))]
[JsonSerializable(typeof(SampleUpstream.VerificationRequest))]
[JsonSerializable(typeof(SampleUpstream.VerificationResult))]
[JsonSerializable(typeof(SampleUpstream.District[]))]
[JsonSerializable(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails))]
internal sealed partial class SampleJsonContext : JsonSerializerContext;
