using System.Net.Http.Json;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.SchemaValidation;

/// <summary>
/// One gateway, one recording upstream and the sample API (Layanan Perizinan Bangunan, tests/TestSupport/Samples)
/// published at <c>/dpmptsp/perizinan/v1</c>, shared by the tests of a class (which run one after another).
/// </summary>
public class PerizinanApiFixture : IAsyncLifetime
{
    public const string Prefix = "/dpmptsp/perizinan/v1";

    public StubUpstream Upstream { get; private set; } = null!;
    public TestGateway Gateway { get; private set; } = null!;
    public Guid ApiId { get; private set; }
    public HttpClient Client => Gateway.Client;

    public virtual Task InitializeAsync() => StartAsync(null);

    protected async Task StartAsync(IDictionary<string, string?>? settings)
    {
        Upstream = await StubUpstream.StartAsync("perizinan");
        Gateway = await TestGateway.StartAsync(settings);
        ApiId = await Gateway.PublishPublicApiAsync("dpmptsp", "perizinan", "v1", [Upstream.BaseUrl + "/api"], openApi: SampleApis.Perizinan);
    }

    /// <summary>Replaces the API's validation settings (fields left out take their defaults) and waits until they are in force.</summary>
    public async Task SetValidationAsync(object settings)
    {
        var response = await Gateway.PutApiSettingAsync(ApiId, "validation", settings);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await Gateway.WaitForRoutesAsync();
    }

    /// <summary>Back to the defaults and an upstream with nothing recorded: the start of each test.</summary>
    public async Task ResetAsync()
    {
        await SetValidationAsync(new { });
        Upstream.Handler = null;
        Upstream.Clear();
    }

    public virtual async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
