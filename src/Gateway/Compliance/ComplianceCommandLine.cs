using SpbeConnector.Audit.Documents;
using SpbeConnector.Portal.Compliance;
using SpbeConnector.Gateway.Hosting;
using SpbeConnector.Registry.Compliance;
using SpbeConnector.Registry.Hosting;

namespace SpbeConnector.Gateway.Compliance;

/// <summary>
/// <c>compliance report [--format json|text|html] [--output FILE] [gateway settings]</c>: the compliance report of this
/// installation (Pasal 59 ayat (2) huruf a), from the same settings and data directory as the gateway, without starting
/// it: the host is composed but never run, so nothing listens. Written to a file, the report is signed with the audit
/// log's checkpoint key (<c>FILE.sig</c>, and the certificate in <c>FILE.pem</c>); <c>compliance verify FILE</c>
/// checks it, as does <c>openssl dgst -verify</c>.
/// </summary>
public static class ComplianceCommandLine
{
    public const int UsageError = 2;

    private const string Usage = """
        Usage: compliance report [--format json|text|html] [--output FILE] [gateway settings, e.g. --DataDirectory PATH]
          Judges every item of Pasal 59 and 60 and the duties of the other regulations on this installation's settings
          and state, without starting the gateway. With --output, also writes FILE.sig (the signature by the audit
          checkpoint key) and FILE.pem (its certificate).
               compliance verify FILE [--signature FILE.sig] [--certificate FILE.pem]
          Checks that FILE is, byte for byte, the report that key signed.

        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length > 0 && args[0] == "verify")
            return await VerifyAsync(args[1..], output, error);
        if (args.Length == 0 || args[0] != "report")
        {
            await error.WriteAsync(Usage);
            return UsageError;
        }
        string format = "text";
        string? file = null;
        var settings = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--format" && i + 1 < args.Length)
                format = args[++i];
            else if (args[i] == "--output" && i + 1 < args.Length)
                file = args[++i];
            else
                settings.Add(args[i]);
        }
        Func<ComplianceReport, string>? render = format switch
        {
            "json" => ComplianceReportJson.Write,
            "text" => ComplianceReportText.Write,
            "html" => ComplianceReportHtml.Write,
            _ => null,
        };
        if (render is null)
        {
            await error.WriteAsync($"compliance report: unknown format '{format}'.\n{Usage}");
            return UsageError;
        }

        await using var app = GatewayApplication.Build(settings.ToArray());
        // The registry as the gateway would find it at start (an empty data directory gets its empty store).
        await app.Services.MigrateRegistryAsync();
        var secrets = app.Services.GetRequiredService<FirstRunSecrets>();
        if (secrets.BootstrapToken is not null)
        {
            // Composing the host on a fresh data directory made the first-start token; it is shown once, as at a start.
            await error.WriteLineAsync("This was the first use of the data directory; its one-time first-start token (only its digest is stored)");
            await error.WriteLineAsync("only creates the first administrator, with POST /admin/v1/bootstrap/administrator.");
            await error.WriteLineAsync($"  First-start token: {secrets.BootstrapToken}");
        }
        var report = await app.Services.GetRequiredService<ComplianceEvaluator>().EvaluateAsync(CancellationToken.None);
        var text = render(report);
        if (file is null)
        {
            await output.WriteAsync(text);
            return 0;
        }
        // The bytes signed are the bytes written: UTF-8 without a byte order mark.
        var bytes = new System.Text.UTF8Encoding(false).GetBytes(text);
        var signature = app.Services.GetRequiredService<DocumentSigner>().Sign(bytes);
        await File.WriteAllBytesAsync(file, bytes);
        await File.WriteAllBytesAsync(file + ".sig", signature.Signature);
        await File.WriteAllTextAsync(file + ".pem", signature.CertificatePem);
        await error.WriteLineAsync($"Wrote {file}, signed by the audit checkpoint key {signature.KeyId} ({file}.sig; certificate {file}.pem).");
        await error.WriteLineAsync($"Verify: compliance verify {file}   or   openssl x509 -in {file}.pem -pubkey -noout > key.pub && openssl dgst -{signature.DigestName} -verify key.pub -signature {file}.sig {file}");
        return 0;
    }

    private static async Task<int> VerifyAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            await error.WriteAsync(Usage);
            return UsageError;
        }
        var file = args[0];
        string signaturePath = file + ".sig", certificatePath = file + ".pem";
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--signature" && i + 1 < args.Length)
                signaturePath = args[++i];
            else if (args[i] == "--certificate" && i + 1 < args.Length)
                certificatePath = args[++i];
            else
            {
                await error.WriteAsync($"compliance verify: unknown argument '{args[i]}'.\n{Usage}");
                return UsageError;
            }
        }
        foreach (var path in new[] { file, signaturePath, certificatePath })
            if (!File.Exists(path))
            {
                await error.WriteLineAsync($"compliance verify: {path} does not exist.");
                return UsageError;
            }
        var document = await File.ReadAllBytesAsync(file);
        var signature = await File.ReadAllBytesAsync(signaturePath);
        var certificate = await File.ReadAllTextAsync(certificatePath);
        var valid = DocumentSigner.Verify(document, signature, certificate, out var keyId);
        if (!valid)
        {
            await error.WriteLineAsync($"compliance verify: {file} does NOT match the signature {signaturePath} by the key of {certificatePath}: it was changed after signing, or signed by another key.");
            return 1;
        }
        await output.WriteLineAsync($"{file}: signature valid, key id {keyId} (compare it with the installation's audit checkpoint key).");
        return 0;
    }
}
