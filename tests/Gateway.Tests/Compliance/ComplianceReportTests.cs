using SpbeConnector.Registry.Contracts.Compliance;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Gateway.Hosting;
using SpbeConnector.Registry.Compliance;
using SpbeConnector.Registry.Hosting;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Compliance;

/// <summary>
/// The compliance report judges the live installation (Pasal 59 ayat (2) huruf a): switching a control off changes
/// exactly the items that control implements, with the reason naming the setting; registry state (an API without an
/// OpenAPI document, a plain-HTTP upstream) shows up by name; every project registers the checks the mapping names;
/// the admin API serves it to the administrator only; the command line prints it without starting the gateway.
/// </summary>
public sealed class ComplianceReportTests
{
    private static readonly string[] Statuses = ["met", "partial", "not_met", "not_applicable"];

    /// <summary>Settings under which the checks of the baseline are met, with a ClamAV daemon answering when one is given.</summary>
    internal static Dictionary<string, string?> Baseline(string data, ClamdServer? clamd) => new()
    {
        ["DataDirectory"] = data,
        ["Admin:Token"] = TestGateway.AdminToken,
        ["Audit:KeyPassphrase"] = "kata-sandi-kunci-audit-uji",
        ["Demo:Enabled"] = "false",
        ["urls"] = "https://127.0.0.1:0",
        ["FileScanning:Clamd"] = clamd?.Endpoint ?? "",
        ["Serilog:MinimumLevel:Default"] = "Warning",
    };

    internal static async Task<ComplianceReport> EvaluateAsync(Dictionary<string, string?> settings)
    {
        await using var app = GatewayApplication.Build([], builder => builder.Configuration.AddInMemoryCollection(settings));
        await app.Services.MigrateRegistryAsync();
        return await app.Services.GetRequiredService<ComplianceEvaluator>().EvaluateAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("Audit:Mode=Off", "audit-mode", ComplianceStatus.NotMet, "Audit:Mode is Off")]
    [InlineData("Audit:Mode=Async", "audit-mode", ComplianceStatus.Partial, "Audit:Mode is Async: a request can reach the upstream before its record is durable")]
    [InlineData("Audit:Receipts:Enabled=false", "receipts", ComplianceStatus.Partial, "Audit:Receipts:Enabled is off")]
    [InlineData("FileScanning:Clamd=", "file-scanning", ComplianceStatus.Partial, "No ClamAV daemon configured (FileScanning:Clamd is empty): uploads are refused")]
    [InlineData("Demo:Enabled=true", "demo", ComplianceStatus.NotMet, "demo data enabled")]
    [InlineData("Gateway:AllowPlainHttp=true|urls=http://127.0.0.1:0", "tls", ComplianceStatus.Partial, "Gateway:AllowPlainHttp is on and the gateway listens on plain HTTP")]
    [InlineData("Sla:Enabled=false", "sla-floor", ComplianceStatus.NotMet, "Sla:Enabled is off")]
    [InlineData("AntiAutomation:Detection:Enabled=false", "attack-detection", ComplianceStatus.NotMet, "AntiAutomation:Detection:Enabled is off")]
    [InlineData("AntiAutomation:ExpectedNodes=3", "shared-limits", ComplianceStatus.Partial, "Redis not configured: limits are per node")]
    [InlineData("Audit:KeyPassphrase=", "audit-keys", ComplianceStatus.Partial, "Audit:KeyPassphrase is empty")]
    public async Task Switching_a_control_off_flips_exactly_the_items_it_should(string change, string check, ComplianceStatus expected, string reason)
    {
        // Only the scanning case needs a daemon that answers: turning scanning off is its change.
        await using var clamd = change.StartsWith("FileScanning:", StringComparison.Ordinal) ? await ClamdServer.StartAsync() : null;
        var data = Path.Combine(Path.GetTempPath(), "spbe-compliance-" + Guid.NewGuid().ToString("N"));
        try
        {
            var settings = Baseline(data, clamd);
            var before = await EvaluateAsync(settings);
            // A data directory of its own: keys written under one passphrase cannot be read without it.
            settings["DataDirectory"] = data + "-after";
            foreach (var pair in change.Split('|'))
                settings[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
            var after = await EvaluateAsync(settings);

            var checkedItems = ComplianceMapping.Current.Items.Where(i => i.Check == check).Select(i => i.Key).ToHashSet();
            Assert.NotEmpty(checkedItems);
            var summaries = ComplianceMapping.Current.Items.Where(i => i.Covers.Any(c => checkedItems.Any(k => k.StartsWith(c, StringComparison.Ordinal))))
                .Select(i => i.Key).ToHashSet();
            var changed = before.Items.Zip(after.Items).Where(p => p.First.Status != p.Second.Status).Select(p => Key(p.Second)).ToList();
            // Every item the control implements turns to the expected status, saying why; nothing else changes but the
            // functions that sum those items up.
            foreach (var item in after.Items.Where(i => checkedItems.Contains(Key(i))))
            {
                Assert.True(item.Status <= expected, $"{item.Citation} is {item.Status} after '{change}'.");
                Assert.Contains(reason, item.Reason);
                Assert.DoesNotContain(reason, before.Items.Single(b => b.Citation == item.Citation).Reason);
            }
            Assert.Contains(changed, checkedItems.Contains);
            Assert.DoesNotContain(changed, k => !checkedItems.Contains(k) && !summaries.Contains(k));
            // The duties of the other regulations that the same control answers flip with it, in both languages; no other.
            var checkedDuties = ComplianceMapping.Current.Duties.Where(d => d.Check == check).Select(d => d.Id).ToHashSet();
            foreach (var duty in after.Duties.Where(d => checkedDuties.Contains(d.Id)))
            {
                Assert.True(duty.Status <= expected, $"{duty.Id} is {duty.Status} after '{change}'.");
                Assert.Contains(reason, duty.Reason);
                Assert.False(string.IsNullOrWhiteSpace(duty.ReasonId), $"{duty.Id} has no reason in Bahasa Indonesia after '{change}'.");
            }
            var changedDuties = before.Duties.Zip(after.Duties).Where(p => p.First.Status != p.Second.Status).Select(p => p.Second.Id).ToList();
            Assert.DoesNotContain(changedDuties, id => !checkedDuties.Contains(id));
            Assert.All(after.Items.Where(i => checkedItems.Contains(Key(i))), i => Assert.False(string.IsNullOrWhiteSpace(i.ReasonId), $"{i.Citation} has no reason in Bahasa Indonesia."));
        }
        finally
        {
            foreach (var directory in new[] { data, data + "-after" })
            {
                try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
            }
        }
    }

    [Fact]
    public async Task Every_check_the_mapping_names_is_registered_by_the_gateway()
    {
        var data = Path.Combine(Path.GetTempPath(), "spbe-compliance-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var app = GatewayApplication.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["DataDirectory"] = data, ["Admin:Token"] = TestGateway.AdminToken, ["urls"] = "https://127.0.0.1:0",
            }));
            var registered = app.Services.GetServices<IComplianceCheck>().Select(c => c.Name).ToList();
            Assert.Equal(registered.Distinct().Count(), registered.Count);
            Assert.Empty(ComplianceMapping.Current.Items.Select(i => i.Check).Concat(ComplianceMapping.Current.Duties.Select(d => d.Check))
                .OfType<string>().Distinct().Except(registered));
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task An_api_published_without_an_openapi_document_makes_its_validation_items_partial_naming_it()
    {
        await using var upstream = await StubUpstream.StartAsync("layanan");
        await using var gateway = await TestGateway.StartAsync();
        var before = await ReportAsync(gateway);
        Assert.Equal("met", Item(before, 59, 7, "a").GetProperty("status").GetString());
        Assert.Equal("met", Item(before, 59, 11, "a").GetProperty("status").GetString());

        await gateway.PublishPublicApiAsync("dpmptsp", "perizinan", "v1", [upstream.BaseUrl + "/api"], openApi: SampleApis.Perizinan);
        await gateway.PublishPublicApiAsync("dinkes", "tanpa-dokumen", "v1", [upstream.BaseUrl]);
        var after = await ReportAsync(gateway);

        foreach (var (ayat, huruf) in new[] { (7, "a"), (7, "b"), (7, "d"), (15, "d"), (15, "e") })
        {
            var item = Item(after, 59, ayat, huruf);
            Assert.Equal("partial", item.GetProperty("status").GetString());
            Assert.Equal("1 of 2 published APIs have no OpenAPI document, so their input is not validated: dinkes/tanpa-dokumen/v1.", item.GetProperty("reason").GetString());
        }
        Assert.Equal("partial", Item(after, 60, 5, "e").GetProperty("status").GetString());
        // The stub upstreams are plain HTTP, allowed for these APIs: the report says so by name.
        var transport = Item(after, 59, 11, "a");
        Assert.Equal("partial", transport.GetProperty("status").GetString());
        Assert.Contains("2 of 2 published APIs reach their upstream over plain HTTP", transport.GetProperty("reason").GetString());
        // Both are public: authorization on every call holds only in part, and the report names them.
        Assert.Contains("dinkes/tanpa-dokumen/v1", Item(after, 59, 15, "c").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_admin_endpoint_needs_the_administrator_token_and_answers_the_report_as_json()
    {
        await using var gateway = await TestGateway.StartAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.Client.GetAsync("/admin/v1/compliance")).StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/admin/v1/compliance");
        wrong.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "bukan-token-administrator-yang-benar-0000");
        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.Client.SendAsync(wrong)).StatusCode);
        var response = await gateway.Admin.GetAsync("/admin/v1/compliance");
        var body = await response.Content.ReadAsByteArrayAsync();
        var digest = $"sha-256=:{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(body))}:";
        Assert.Equal(digest, response.Headers.GetValues("Content-Digest").Single());
        var report = JsonDocument.Parse(body).RootElement;
        Assert.Equal(ComplianceMapping.Current.Items.Count, report.GetProperty("items").GetArrayLength());
        // What was shown can be proven later: its digest is in the signed audit log.
        var escaped = JsonSerializer.Serialize(digest)[1..^1];
        await TestGateway.EventuallyAsync(async () => await gateway.Auditor.GetStringAsync("/audit/v1/records?type=compliance") is var records
                && (records.Contains(digest, StringComparison.Ordinal) || records.Contains(escaped, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), "the report's digest is in the audit log");
        Assert.Equal(report.GetProperty("items").GetArrayLength(), report.GetProperty("summary").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_command_line_prints_one_json_object_with_every_item_and_exits_without_listening()
    {
        var data = Path.Combine(Path.GetTempPath(), "spbe-compliance-" + Guid.NewGuid().ToString("N"));
        // The port the settings name is held by the test: a command that tried to listen would fail to start.
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { GatewayProcess.GatewayAssembly(), "compliance", "report", "--format", "json", "--DataDirectory", data, "--urls", $"https://127.0.0.1:{port}" })
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);

            Assert.True(process.ExitCode == 0, $"compliance report exited {process.ExitCode}: {await error}");
            using var json = JsonDocument.Parse(await output);
            var items = json.RootElement.GetProperty("items");
            Assert.Equal(ComplianceMapping.Current.Items.Count, items.GetArrayLength());
            foreach (var item in items.EnumerateArray())
            {
                Assert.Contains("Wali Kota Bekasi", item.GetProperty("regulation").GetString());
                Assert.InRange(item.GetProperty("pasal").GetInt32(), 59, 60);
                Assert.True(item.GetProperty("ayat").GetInt32() > 0);
                Assert.Matches("^[a-z]$", item.GetProperty("huruf").GetString());
                Assert.Contains(item.GetProperty("status").GetString(), Statuses);
                Assert.False(string.IsNullOrWhiteSpace(item.GetProperty("reason").GetString()));
                Assert.False(string.IsNullOrWhiteSpace(item.GetProperty("reasonId").GetString()), $"{item.GetProperty("citation")} has no reason in Bahasa Indonesia.");
            }
            // The duties of the other regulations, each with its instruments, citation and reasons in both languages.
            var duties = json.RootElement.GetProperty("duties");
            Assert.Equal(ComplianceMapping.Current.Duties.Count, duties.GetArrayLength());
            foreach (var duty in duties.EnumerateArray())
            {
                Assert.Contains(duty.GetProperty("status").GetString(), Statuses);
                Assert.NotEqual(0, duty.GetProperty("regulations").GetArrayLength());
                Assert.Contains("Pasal", duty.GetProperty("citation").GetString());
                Assert.False(string.IsNullOrWhiteSpace(duty.GetProperty("reason").GetString()), $"{duty.GetProperty("id")} has no reason.");
                Assert.False(string.IsNullOrWhiteSpace(duty.GetProperty("reasonId").GetString()), $"{duty.GetProperty("id")} has no reason in Bahasa Indonesia.");
            }
            Assert.Equal(duties.GetArrayLength(), json.RootElement.GetProperty("dutiesSummary").GetProperty("total").GetInt32());
            Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("apis").ValueKind);
            // The settings were read as the gateway reads them: the demo is on by default, and the report says so.
            Assert.Equal("not_met", Item(json.RootElement, 59, 16, "c").GetProperty("status").GetString());
            // A first use of the data directory shows its one-time token, on standard error, never in the report.
            var tokenLine = (await error).Split('\n').Single(l => l.Contains("First-start token:", StringComparison.Ordinal));
            Assert.DoesNotContain(tokenLine[(tokenLine.IndexOf(':') + 1)..].Trim(), await output);
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private static string Key(ComplianceReportItem item) => $"{item.Pasal}({item.Ayat}){item.Huruf}";

    private static async Task<JsonElement> ReportAsync(TestGateway gateway)
    {
        var response = await gateway.Admin.GetAsync("/admin/v1/compliance");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static JsonElement Item(JsonElement report, int pasal, int ayat, string huruf) => report.GetProperty("items").EnumerateArray()
        .Single(i => i.GetProperty("pasal").GetInt32() == pasal && i.GetProperty("ayat").GetInt32() == ayat && i.GetProperty("huruf").GetString() == huruf);
}
