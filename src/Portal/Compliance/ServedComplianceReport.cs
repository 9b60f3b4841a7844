using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Audit.Documents;
using SpbeConnector.Registry.Compliance;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Portal.Compliance;

/// <summary>
/// A report handed to a reviewer (admin API, portal download): its JSON, its SHA-256 sent as <c>Content-Digest</c>
/// (RFC 9530), its signature by the audit log's checkpoint key (<see cref="SignatureHeader"/>, <see cref="KeyHeader"/>;
/// the certificate at <c>GET /admin/v1/compliance/certificate</c>), and the digest and key id appended to the audit log,
/// whose signed checkpoints later prove what was shown and when (Pasal 59 ayat (9) huruf d-e).
/// </summary>
public sealed class ServedComplianceReport(ComplianceEvaluator evaluator, IServiceProvider services)
{
    public const string EventType = "compliance";

    /// <summary>The signature of the body (DER, base64 between colons as in RFC 9651 byte sequences).</summary>
    public const string SignatureHeader = "Spbe-Report-Signature";

    /// <summary>The key id (RFC 7638 thumbprint) of the checkpoint key that signed it, and the digest it signed over.</summary>
    public const string KeyHeader = "Spbe-Report-Signature-Key";

    public async Task<IResult> ServeAsync(HttpContext http, string actor, CancellationToken cancellationToken)
    {
        var report = await evaluator.EvaluateAsync(cancellationToken);
        var body = Encoding.UTF8.GetBytes(ComplianceReportJson.Write(report));
        var digest = $"sha-256=:{Convert.ToBase64String(SHA256.HashData(body))}:";
        // The audit policy provides the trail and the keys in the product; a host without them serves the report
        // unsigned and unrecorded.
        var signature = services.GetService<DocumentSigner>()?.Sign(body);
        if (services.GetService<IAuditTrail>() is { } trail)
        {
            await trail.AppendAsync(new AuditEvent(EventType, "report.served", "succeeded", Actor: actor, RequestId: http.TraceIdentifier,
                SourceIp: http.Connection.RemoteIpAddress?.ToString(), Details: new Dictionary<string, string?>
                {
                    ["digest"] = digest,
                    ["signatureKeyId"] = signature?.KeyId,
                    ["met"] = report.Summary.Met.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["partial"] = report.Summary.Partial.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["notMet"] = report.Summary.NotMet.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }), cancellationToken);
        }
        http.Response.Headers["Content-Digest"] = digest;
        if (signature is not null)
        {
            http.Response.Headers[SignatureHeader] = $":{Convert.ToBase64String(signature.Signature)}:";
            http.Response.Headers[KeyHeader] = $"keyid=\"{signature.KeyId}\";digest=\"{signature.DigestName}\"";
        }
        return Results.Bytes(body, "application/json; charset=utf-8");
    }
}
