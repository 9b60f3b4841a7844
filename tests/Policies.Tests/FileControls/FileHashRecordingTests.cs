using SpbeConnector.Policies.Routing;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SpbeConnector.Policies.Exchange;
using SpbeConnector.Policies.FileControls;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;
using SpbeConnector.TestSupport;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace SpbeConnector.Policies.Tests.FileControls;

/// <summary>
/// The SHA-256 of every file and the scan verdict are recorded with the exchange (Pasal 60 ayat (2) huruf d), where
/// the audit policy reads them: checked on the policy itself, with a real clamd, as the next policy sees them.
/// </summary>
public sealed class FileHashRecordingTests : IAsyncLifetime
{
    private ClamdServer _clamd = null!;

    public async Task InitializeAsync() => _clamd = await ClamdServer.StartAsync();

    public async Task DisposeAsync() => await _clamd.DisposeAsync();

    [Fact]
    public async Task Every_file_carries_its_sha256_and_scan_verdict_when_the_exchange_goes_on()
    {
        var api = new PublishedApi(Guid.NewGuid(), "dpmptsp", null, "Perizinan", "perizinan", "v1", ["https://perizinan.example.go.id"], false,
            InformationClassification.Restricted, ApiStatus.Published) { DocumentRevision = 1 };
        var scanner = new ClamdScanner(Options.Create(new ClamdOptions { Clamd = _clamd.Endpoint }), NullLogger<ClamdScanner>.Instance);
        IReadOnlyList<ExchangedFile>? seen = null;
        var middleware = new FileControlsMiddleware(context =>
            {
                seen = context.GetGatewayExchange().Files;
                return Task.CompletedTask;
            },
            scanner, new FileQuotaCounter(TimeProvider.System), new ThrowingProblems(), NullLogger<FileControlsMiddleware>.Instance);

        var context = new DefaultHttpContext();
        context.Features.Set<IReverseProxyFeature>(new RouteOnly(new RoutedApi(api)));
        var png = Uploads.Png;
        context.GetGatewayExchange().AddFile(new ExchangedFile("berkas", "a.pdf", "application/pdf", Uploads.Pdf));
        context.GetGatewayExchange().AddFile(new ExchangedFile("denah", "b.png", "image/png", png));

        await middleware.InvokeAsync(context);

        Assert.NotNull(seen);
        Assert.Equal([Convert.ToHexStringLower(SHA256.HashData(Uploads.Pdf)), Convert.ToHexStringLower(SHA256.HashData(png))], seen!.Select(f => f.Sha256));
        Assert.All(seen!, f => Assert.Equal("clean", f.ScanVerdict));
        Assert.Contains(context.GetGatewayExchange().Decisions, d => d is { Policy: FileControlsMiddleware.PolicyName, Allowed: true });
    }

    private sealed class RouteOnly(RoutedApi api) : IReverseProxyFeature
    {
        public RouteModel Route { get; } = new(
            new RouteConfig { RouteId = "r", ClusterId = "c", Match = new RouteMatch { Path = "/{**rest}" }, Metadata = api.RouteMetadata },
            null, Yarp.ReverseProxy.Forwarder.HttpTransformer.Empty);
        public ClusterModel Cluster { get; set; } = null!;
        public IReadOnlyList<DestinationState> AllDestinations { get; } = [];
        public IReadOnlyList<DestinationState> AvailableDestinations { get; set; } = [];
        public DestinationState? ProxiedDestination { get; set; }
    }

    private sealed class ThrowingProblems : IProblemDetailsService
    {
        public ValueTask WriteAsync(ProblemDetailsContext context) => throw new Xunit.Sdk.XunitException("the files were refused");
    }
}
