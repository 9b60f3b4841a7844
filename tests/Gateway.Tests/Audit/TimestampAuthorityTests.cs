using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpbeConnector.Gateway.Hosting;
using SpbeConnector.TestSupport;
using SpbeConnector.Audit.CommandLine;

namespace SpbeConnector.Gateway.Tests.Audit;

/// <summary>
/// Checkpoints countersigned by an RFC 3161 time-stamping authority (a trusted third party, Batu Bara Pasal 28 ayat
/// (6)). The authority here is OpenSSL's own TSA (<c>openssl ts -reply</c>) behind a small HTTP endpoint, with a test
/// CA: an implementation independent of the gateway's.
/// </summary>
public class TimestampAuthorityTests
{
    [Fact]
    public async Task Checkpoints_are_time_stamped_by_the_authority_the_tokens_verify_and_a_changed_token_does_not()
    {
        var data = Path.Combine(Path.GetTempPath(), "spbe-tsa-" + Guid.NewGuid().ToString("N"));
        var tsaDirectory = Path.Combine(data, "tsa");
        Directory.CreateDirectory(tsaDirectory);
        await CreateAuthorityAsync(tsaDirectory);
        await using var tsa = await StartAuthorityAsync(tsaDirectory);
        var tsaUrl = tsa.Urls.First() + "/tsa";
        await using var upstream = await StubUpstream.StartAsync();
        try
        {
            await using (var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
                         {
                             ["Audit:CheckpointEveryRecords"] = "5",
                             ["Audit:TimestampAuthority:Url"] = tsaUrl,
                             ["Audit:TimestampAuthority:Interval"] = "00:00:00",
                             ["Audit:TimestampAuthority:TrustedCertificatesPath"] = Path.Combine(tsaDirectory, "ca.crt"),
                         }, data))
            {
                await gateway.PublishPublicApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
                for (var i = 0; i < 10; i++)
                    await gateway.Client.GetAsync($"/dinkes/faskes/v1/{i}");
                await TestGateway.EventuallyAsync(() => Task.FromResult(CountTokens(data) >= 2), TimeSpan.FromSeconds(90), "checkpoints are time-stamped"); // generous: the whole suite runs beside it
            }
            SqliteConnection.ClearAllPools();

            var output = new StringWriter();
            var exit = await AuditCommandLine.RunAsync(["verify", data, "--tsa-certificates", Path.Combine(tsaDirectory, "ca.crt")], output, output);
            Assert.True(exit == AuditCommandLine.Verified, output.ToString());
            Assert.Matches(@"\d+ checkpoint\(s\) time-stamped", output.ToString());

            // A token that stamps something else no longer verifies for its checkpoint.
            var store = Path.Combine(data, "audit", "audit.db");
            using (var connection = new SqliteConnection($"Data Source={store};Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = """
                    DROP TRIGGER audit_timestamps_no_update;
                    UPDATE audit_timestamps SET token = (SELECT token FROM audit_timestamps ORDER BY checkpoint_id DESC LIMIT 1)
                    WHERE checkpoint_id = (SELECT MIN(checkpoint_id) FROM audit_timestamps);
                    """;
                command.ExecuteNonQuery();
            }
            SqliteConnection.ClearAllPools();
            var tampered = new StringWriter();
            Assert.Equal(AuditCommandLine.VerificationFailed, await AuditCommandLine.RunAsync(["verify", data], tampered, tampered));
            Assert.Contains("TimestampInvalid", tampered.ToString());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private static long CountTokens(string data)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "audit", "audit.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM audit_timestamps";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>A test root CA and a TSA certificate it issues (critical EKU id-kp-timeStamping, as RFC 3161 requires).</summary>
    private static async Task CreateAuthorityAsync(string dir)
    {
        await File.WriteAllTextAsync(Path.Combine(dir, "tsa-ext.cnf"), "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "serial"), "01\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "tsa.cnf"), $"""
            [ tsa ]
            default_tsa = tsa_config
            [ tsa_config ]
            dir = {dir}
            serial = $dir/serial
            crypto_device = builtin
            signer_cert = $dir/tsa.crt
            certs = $dir/ca.crt
            signer_key = $dir/tsa.key
            signer_digest = sha256
            default_policy = 1.3.6.1.4.1.99999.1
            digests = sha256, sha384, sha512
            accuracy = secs:1
            ordering = yes
            tsa_name = no
            ess_cert_id_chain = no
            ess_cert_id_alg = sha256
            """);
        await OpenSslAsync(dir, "req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.crt -days 2 -subj /CN=SPBE-Test-Root " +
                                "-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign");
        await OpenSslAsync(dir, "req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout tsa.key -out tsa.csr -subj /CN=SPBE-Test-TSA");
        await OpenSslAsync(dir, "x509 -req -in tsa.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out tsa.crt -days 2 -extfile tsa-ext.cnf");
    }

    /// <summary>An HTTP endpoint (RFC 3161 section 3.4) that answers each request with OpenSSL's TSA.</summary>
    private static async Task<WebApplication> StartAuthorityAsync(string dir)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var gate = new SemaphoreSlim(1);
        app.MapPost("/tsa", async (HttpContext context) =>
        {
            await gate.WaitAsync();
            try
            {
                var query = Path.Combine(dir, "request.tsq");
                var reply = Path.Combine(dir, "reply.tsr");
                await using (var file = File.Create(query))
                    await context.Request.Body.CopyToAsync(file);
                await OpenSslAsync(dir, $"ts -reply -config tsa.cnf -queryfile {query} -out {reply}");
                context.Response.ContentType = "application/timestamp-reply";
                await context.Response.Body.WriteAsync(await File.ReadAllBytesAsync(reply));
            }
            finally
            {
                gate.Release();
            }
        });
        await app.StartAsync();
        return app;
    }

    private static async Task OpenSslAsync(string dir, string arguments)
    {
        var start = new ProcessStartInfo("openssl", arguments) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"openssl {arguments}: {error}");
    }
}
