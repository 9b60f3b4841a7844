using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SpbeConnector.Gateway.Compliance;
using SpbeConnector.Registry.Contracts.Compliance;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Compliance;

/// <summary>
/// Evidence of the build (Pasal 59 ayat (2) huruf e, ayat (12) huruf b): the CycloneDX SBOM made by scripts/sbom.sh is
/// served to the administrator only, and the compliance report says whether it is there, naming its digest and
/// component count, and never calls an SBOM more than partial evidence (it lists the dependencies, it does not scan them).
/// </summary>
public sealed class SbomTests : IDisposable
{
    private const string SmallBom = """
        {"bomFormat":"CycloneDX","specVersion":"1.7","version":1,
         "metadata":{"component":{"type":"application","name":"spbe-connector","version":"test"}},
         "components":[
          {"type":"library","name":"Yarp.ReverseProxy","version":"2.3.0","purl":"pkg:nuget/Yarp.ReverseProxy@2.3.0"},
          {"type":"library","name":"Serilog","version":"4.3.0","purl":"pkg:nuget/Serilog@4.3.0"},
          {"type":"library","name":"Npgsql","version":"9.0.3","purl":"pkg:nuget/Npgsql@9.0.3"}]}
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "spbe-sbom-" + Guid.NewGuid().ToString("N"));

    public SbomTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task The_admin_api_serves_the_sbom_to_the_administrator_only()
    {
        var bom = Path.Combine(_directory, "bom.json");
        await File.WriteAllTextAsync(bom, SmallBom);
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { [SbomFile.SettingName] = bom });

        using var anonymous = await gateway.Client.GetAsync("/admin/v1/sbom");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.DoesNotContain("Yarp", await anonymous.Content.ReadAsStringAsync());

        using var response = await gateway.Admin.GetAsync("/admin/v1/sbom");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.cyclonedx+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetBytes(SmallBom), body);
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(body))}:", string.Join(",", response.Headers.GetValues("Content-Digest")));

        // Gone: the administrator is told how to make one, as a problem document.
        File.Delete(bom);
        using var absent = await gateway.Admin.GetAsync("/admin/v1/sbom");
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
        Assert.Equal("application/problem+json", absent.Content.Headers.ContentType?.MediaType);
        Assert.Contains("scripts/sbom.sh", await absent.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_sbom_check_is_not_met_without_an_sbom_and_partial_naming_its_digest_with_one()
    {
        var bom = Path.Combine(_directory, "bom.json");
        var settings = ComplianceReportTests.Baseline(Path.Combine(_directory, "data"), clamd: null);
        settings[SbomFile.SettingName] = bom;

        var without = await ComplianceReportTests.EvaluateAsync(settings);
        foreach (var (pasal, ayat, huruf) in SbomItems)
        {
            var item = without.Items.Single(i => i.Pasal == pasal && i.Ayat == ayat && i.Huruf == huruf);
            Assert.Equal(ComplianceStatus.NotMet, item.Status);
            Assert.Contains($"no SBOM found at {bom}: run scripts/sbom.sh", item.Reason);
        }
        Assert.Null(without.Build.SbomSha256);
        Assert.Matches("^[0-9a-f]{40}$", without.Build.Commit);

        await File.WriteAllTextAsync(bom, SmallBom);
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SmallBom)));
        var with = await ComplianceReportTests.EvaluateAsync(settings);
        foreach (var (pasal, ayat, huruf) in SbomItems)
        {
            var item = with.Items.Single(i => i.Pasal == pasal && i.Ayat == ayat && i.Huruf == huruf);
            // Partial, not met: an SBOM is a list of the dependencies, not a scan of them.
            Assert.Equal(ComplianceStatus.Partial, item.Status);
            Assert.Contains($"lists 3 components (sha-256 {digest})", item.Reason);
        }
        Assert.Equal(digest, with.Build.SbomSha256);
        Assert.Equal(3, with.Build.SbomComponents);
        Assert.Equal(without.Build.Commit, with.Build.Commit);
    }

    [Fact]
    public void The_sbom_made_by_the_script_is_cyclonedx_json_with_components()
    {
        // scripts/test.sh runs scripts/sbom.sh before the tests; the file is the repository's build/sbom/bom.json.
        var path = SbomFile.DefaultPath(AppContext.BaseDirectory);
        Assert.True(File.Exists(path), $"No SBOM at {path}: run scripts/sbom.sh (scripts/test.sh does) before this test.");
        using var bom = JsonDocument.Parse(File.ReadAllBytes(path));
        Assert.Equal("CycloneDX", bom.RootElement.GetProperty("bomFormat").GetString());
        var names = bom.RootElement.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        // What the gateway ships is in it: the proxy engine and the registry's database drivers; the test tools are not.
        Assert.Contains("Yarp.ReverseProxy", names);
        Assert.Contains("Npgsql", names);
        Assert.DoesNotContain("xunit.v3.core", names);
    }

    private static readonly (int Pasal, int Ayat, string Huruf)[] SbomItems = [(59, 12, "b"), (59, 16, "b")];
}
