using SpbeConnector.Policies.Tests.SchemaValidation;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.FileControls;

/// <summary>The sample API on a gateway whose virus scanner is a real clamd with the tests' EICAR signature.</summary>
public sealed class ScannedPerizinanApiFixture : PerizinanApiFixture
{
    public ClamdServer Clamd { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Clamd = await ClamdServer.StartAsync();
        await StartAsync(new Dictionary<string, string?> { ["FileScanning:Clamd"] = Clamd.Endpoint });
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Clamd.DisposeAsync();
    }
}
