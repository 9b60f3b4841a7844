using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SpbeConnector.Audit.Documents;
using SpbeConnector.Portal.Compliance;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Compliance;

/// <summary>
/// What was shown to a reviewer can be proven later (issue 20; Pasal 60 ayat (2) huruf a): a written report is signed
/// with the audit log's checkpoint key, and the signature verifies with OpenSSL alone and with <c>compliance verify</c>
/// until one byte of the report changes; a served report carries its signature in a header, checked against the
/// certificate the admin API publishes, and the key id goes into the audit log with the digest.
/// </summary>
public sealed class ComplianceSignatureTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "spbe-compliance-sig-" + Guid.NewGuid().ToString("N"));

    public ComplianceSignatureTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_written_report_is_signed_with_the_audit_key_and_verifies_with_openssl_and_the_command_until_one_byte_changes()
    {
        var report = Path.Combine(_directory, "laporan.html");
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var (code, _, error) = await RunAsync("dotnet", GatewayProcess.GatewayAssembly(), "compliance", "report", "--format", "html", "--output", report,
            "--DataDirectory", Path.Combine(_directory, "data"), "--urls", $"https://127.0.0.1:{port}");
        Assert.True(code == 0, $"compliance report exited {code}: {error}");
        Assert.True(File.Exists(report + ".sig") && File.Exists(report + ".pem"), $"No signature or certificate beside {report}: {error}");
        Assert.Contains("<p id=\"build\">", await File.ReadAllTextAsync(report));

        // OpenSSL alone, as a reviewer without this product would check it.
        var publicKey = Path.Combine(_directory, "kunci.pub");
        var (x509, pem, x509Error) = await RunAsync("openssl", "x509", "-in", report + ".pem", "-pubkey", "-noout");
        Assert.True(x509 == 0, x509Error);
        await File.WriteAllTextAsync(publicKey, pem);
        var (verified, verifiedOut, _) = await RunAsync("openssl", "dgst", "-sha256", "-verify", publicKey, "-signature", report + ".sig", report);
        Assert.True(verified == 0, $"openssl did not verify the report: {verifiedOut}");
        var (command, commandOut, commandError) = await RunAsync("dotnet", GatewayProcess.GatewayAssembly(), "compliance", "verify", report);
        Assert.True(command == 0, $"compliance verify refused an untouched report: {commandError}");
        Assert.Contains("signature valid", commandOut);

        // One byte changed: both refuse it.
        var bytes = await File.ReadAllBytesAsync(report);
        var at = Array.IndexOf(bytes, (byte)'<', 100);
        bytes[at] = (byte)'>';
        await File.WriteAllBytesAsync(report, bytes);
        Assert.NotEqual(0, (await RunAsync("openssl", "dgst", "-sha256", "-verify", publicKey, "-signature", report + ".sig", report)).Code);
        var (tampered, _, tamperedError) = await RunAsync("dotnet", GatewayProcess.GatewayAssembly(), "compliance", "verify", report);
        Assert.Equal(1, tampered);
        Assert.Contains("does NOT match", tamperedError);
    }

    [Fact]
    public async Task The_served_report_carries_a_signature_that_verifies_with_the_published_certificate()
    {
        await using var gateway = await TestGateway.StartAsync();
        var response = await gateway.Admin.GetAsync("/admin/v1/compliance");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        var signature = Convert.FromBase64String(response.Headers.GetValues(ServedComplianceReport.SignatureHeader).Single().Trim(':'));
        var key = response.Headers.GetValues(ServedComplianceReport.KeyHeader).Single();

        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.Client.GetAsync("/admin/v1/compliance/certificate")).StatusCode);
        var certificate = await gateway.Admin.GetStringAsync("/admin/v1/compliance/certificate");
        Assert.True(DocumentSigner.Verify(body, signature, certificate, out var keyId), "The served report does not verify with the published certificate.");
        Assert.Contains($"keyid=\"{keyId}\"", key);
        var changed = (byte[])body.Clone();
        changed[^2] ^= 1;
        Assert.False(DocumentSigner.Verify(changed, signature, certificate, out _));

        // The audit log names the key that signed what was shown.
        await TestGateway.EventuallyAsync(async () => (await gateway.Auditor.GetStringAsync("/audit/v1/records?type=compliance")).Contains(keyId, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the signing key id is in the audit log");
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} could not be started; is it installed (scripts/test.sh installs openssl)?");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
