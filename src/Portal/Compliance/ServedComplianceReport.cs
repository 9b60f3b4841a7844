using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Registry.Compliance;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Portal.Compliance;

/// <summary>
/// A report handed to a reviewer (admin API, portal download): its JSON, its SHA-256 sent as <c>Content-Digest</c>
/// (RFC 9530), and the same digest appended to the audit log, whose signed checkpoints later prove what was shown and
/// when (Pasal 59 ayat (9) huruf d-e).
/// </summary>
public sealed class ServedComplianceReport(ComplianceEvaluator evaluator, IServiceProvider services)
{
    public const string EventType = "compliance";

    public async Task<IResult> ServeAsync(HttpContext http, string actor, CancellationToken cancellationToken)
    {
        var report = await evaluator.EvaluateAsync(cancellationToken);
        var body = Encoding.UTF8.GetBytes(ComplianceReportJson.Write(report));
        var digest = $"sha-256=:{Convert.ToBase64String(SHA256.HashData(body))}:";
        // The audit policy provides the trail in the product; a host without it serves the report unrecorded.
        if (services.GetService<IAuditTrail>() is { } trail)
        {
            await trail.AppendAsync(new AuditEvent(EventType, "report.served", "succeeded", Actor: actor, RequestId: http.TraceIdentifier,
                SourceIp: http.Connection.RemoteIpAddress?.ToString(), Details: new Dictionary<string, string?>
                {
                    ["digest"] = digest,
                    ["met"] = report.Summary.Met.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["partial"] = report.Summary.Partial.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["notMet"] = report.Summary.NotMet.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }), cancellationToken);
        }
        http.Response.Headers["Content-Digest"] = digest;
        return Results.Bytes(body, "application/json; charset=utf-8");
    }
}
