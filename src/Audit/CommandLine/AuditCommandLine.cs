using System.Security.Cryptography.X509Certificates;
using SpbeConnector.Audit.Archive;
using SpbeConnector.Audit.Hosting;
using SpbeConnector.Audit.Receipts;
using SpbeConnector.Audit.Storage;
using SpbeConnector.Audit.Verification;
using SpbeConnector.Registry.Hosting;

namespace SpbeConnector.Audit.CommandLine;

/// <summary>
/// <c>audit verify [path]</c>: verifies an audit log offline (the data directory's store and archives, a store file,
/// or an archive or export file) and exits non-zero naming the first problem. <c>audit verify-receipt</c>: verifies a
/// saved response's receipt, batched (an
/// RFC 9942 inclusion proof under a signed tree head) or per response (an RFC 9421 signature). Neither starts the gateway nor changes anything it reads.
/// </summary>
public static class AuditCommandLine
{
    public const int Verified = 0;
    public const int UsageError = 1;
    public const int VerificationFailed = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            await output.WriteAsync(Usage);
            return args.Length == 0 ? UsageError : Verified;
        }
        var options = ParseOptions(args[1..], out var positional);
        try
        {
            return args[0] switch
            {
                "verify" => await VerifyAsync(positional.FirstOrDefault(), options, output),
                "verify-receipt" => await VerifyReceiptAsync(options, output),
                _ => Fail(error, $"Unknown audit command '{args[0]}'.\n{Usage}"),
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            return Fail(error, $"audit {args[0]}: {ex.Message}");
        }
    }

    private const string Usage = """
        Usage:
          audit verify [PATH] [--trusted-key CERT_OR_PEM]... [--tsa-certificates PEM]
              PATH: a data directory (default: SPBE_DATA_DIR or ./data), an audit.db file, or an archive or export
              (.jsonl) file. Exits 0 when the log verifies, 2 naming the first record or checkpoint that does not.
          audit verify-receipt --response FILE --method METHOD --url URL [--jwks FILE]
              FILE: the response as saved by `curl -i` (status line, headers, body), or --headers FILE --body FILE.
              Keys: --jwks FILE (from /audit/v1/receipt-keys), default: the receipt key in the data directory.

        """;

    private static async Task<int> VerifyAsync(string? path, Dictionary<string, List<string>> options, TextWriter output)
    {
        var pinned = options.GetValueOrDefault("trusted-key")?.Select(LoadPublicKey).ToList();
        var verifier = new AuditLogVerifier(pinned, options.GetValueOrDefault("tsa-certificates")?.LastOrDefault());
        var sources = ResolveSources(path);
        var failed = false;
        foreach (var source in sources)
        {
            var report = await verifier.VerifyAsync(source);
            Print(report, output);
            failed |= !report.Ok;
        }
        await output.WriteLineAsync(failed ? "FAILED" : "OK");
        return failed ? VerificationFailed : Verified;
    }

    private static IReadOnlyList<IAuditLogSource> ResolveSources(string? path)
    {
        if (path is not null && File.Exists(path))
        {
            return path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
                ? [LogFiles.Open(path)]
                : [new StoreLogSource(new SqliteAuditStore(path, readOnly: true))];
        }
        var directory = path ?? DataDirectory.Resolve(null).Path;
        if (!Directory.Exists(directory))
            throw new IOException($"{directory} does not exist; give a data directory, an audit.db file or an archive file.");
        var auditDirectory = File.Exists(Path.Combine(directory, AuditPaths.StoreFileName)) ? directory : Path.Combine(directory, "audit");
        var store = Path.Combine(auditDirectory, AuditPaths.StoreFileName);
        var sources = new List<IAuditLogSource>();
        var archive = Path.Combine(auditDirectory, "archive");
        if (Directory.Exists(archive))
            sources.AddRange(Directory.GetFiles(archive, "*.jsonl").Order(StringComparer.Ordinal).Select(LogFiles.Open));
        if (!File.Exists(store))
            throw new IOException($"No audit log in {directory} (no {store}).");
        sources.Add(new StoreLogSource(new SqliteAuditStore(store, readOnly: true)));
        return sources;
    }

    private static void Print(VerificationReport report, TextWriter output)
    {
        output.WriteLine($"Audit log {report.Source}");
        var last = report.FirstSeq + report.Records - 1;
        output.WriteLine(report.Records == 0
            ? "  no records"
            : report.IsExport
            ? $"  {report.Records} exported record(s), each proven against checkpoint of {report.SignedSize} records; key(s) {string.Join(", ", report.KeyIds)}"
            : $"  records {report.FirstSeq} to {last} ({report.Records}), {report.Checkpoints} checkpoint(s), the last signing {report.SignedSize} records; key(s) {string.Join(", ", report.KeyIds)}");
        if (report.Timestamps > 0)
            output.WriteLine($"  {report.Timestamps} checkpoint(s) time-stamped by an RFC 3161 authority");
        if (report.Unsigned > 0)
            output.WriteLine($"  {report.Unsigned} record(s) after the last checkpoint are not yet covered by a signature");
        foreach (var note in report.Notes)
            output.WriteLine($"  note: {note}");
        foreach (var finding in report.Findings)
            output.WriteLine($"  {finding.Kind}: {finding.Message}");
    }

    private static async Task<int> VerifyReceiptAsync(Dictionary<string, List<string>> options, TextWriter output)
    {
        string Required(string name) => options.GetValueOrDefault(name)?.LastOrDefault()
            ?? throw new ArgumentException($"--{name} is required.\n{Usage}");
        var message = options.ContainsKey("response")
            ? SavedResponse.Parse(await File.ReadAllBytesAsync(Required("response")))
            : SavedResponse.FromParts(await File.ReadAllTextAsync(Required("headers")), await File.ReadAllBytesAsync(Required("body")));
        var keys = options.GetValueOrDefault("jwks")?.LastOrDefault() is { } jwks
            ? ReceiptKeySet.ParseJwks(await File.ReadAllTextAsync(jwks))
            : await ReceiptKeySet.FromDataDirectoryAsync(DataDirectory.Resolve(null).Path, CancellationToken.None);
        // A batched receipt (RFC 9942, the default) or an RFC 9421 signature (Audit:Receipts:Mode=PerResponse, streamed responses).
        var result = message.Headers.ContainsKey(ReceiptFields.BatchedReceiptHeader)
            ? BatchedReceiptVerifier.Verify(message, Required("method"), Required("url"), keys)
            : ReceiptVerifier.Verify(message, Required("method"), Required("url"), keys);
        await output.WriteLineAsync(result.Ok ? $"OK: {result.Description}" : $"FAILED: {result.Description}");
        return result.Ok ? Verified : VerificationFailed;
    }

    private static byte[] LoadPublicKey(string path)
    {
        var text = File.ReadAllText(path);
        if (text.Contains("BEGIN CERTIFICATE", StringComparison.Ordinal))
            return X509Certificate2.CreateFromPem(text).PublicKey.ExportSubjectPublicKeyInfo();
        var key = System.Security.Cryptography.ECDsa.Create();
        key.ImportFromPem(text);
        return key.ExportSubjectPublicKeyInfo();
    }

    private static Dictionary<string, List<string>> ParseOptions(string[] args, out List<string> positional)
    {
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        positional = [];
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                var name = args[i][2..];
                if (!options.TryGetValue(name, out var values))
                    options[name] = values = [];
                values.Add(args[++i]);
            }
            else
            {
                positional.Add(args[i]);
            }
        }
        return options;
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return UsageError;
    }
}
