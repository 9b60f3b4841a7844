using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SpbeConnector.Audit.Logging;
using SpbeConnector.Audit.Receipts;
using SpbeConnector.Audit.Records;
using SpbeConnector.Audit.Storage;
using SpbeConnector.Audit.Tree;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Audit.Api;

/// <summary>
/// The audit API under <c>/audit/v1</c>.
///
/// Public, so that anyone can verify what the gateway signed without reading the log: the receipt keys (JWKS), the
/// signed checkpoints, and consistency proofs between checkpoint sizes; an OPD can keep checkpoints and later prove
/// that nothing was removed or rewritten.
///
/// For the security team only (a person with the auditor role, or a management client with <c>spbe.audit</c>; the
/// administrator is not enough): the records, queried by time,
/// client, OPD, API, status and decision; a record's inclusion proof; exports with proofs. Every such read is itself
/// recorded in the log before the data is returned (Pasal 59 ayat (9) huruf e; ayat (10) huruf c).
/// </summary>
public static class AuditApiEndpoints
{
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        var audit = endpoints.MapGroup(AuditApiDefaults.Prefix)
            .WithGroupName(AuditApiDefaults.DocumentName)
            .WithTags("Audit");

        audit.MapGet("/receipt-keys", async (IAuditStore store, AuditLog log, CancellationToken ct) =>
                Results.Bytes(ReceiptKeySet.FromStoredKeys(await KeysAsync(store, log, ct)).ToJwks(), "application/jwk-set+json"))
            .WithName("GetReceiptKeys").WithSummary("The gateway's receipt signing keys (JWKS, RFC 7517), every one ever used");

        audit.MapGet("/checkpoints/latest", async Task<Results<Ok<CheckpointView>, ProblemHttpResult>> (AuditLog log, IAuditStore store, CancellationToken ct) =>
                Enabled(log) is { } off ? off : await store.GetLatestCheckpointAsync(ct) is { } c ? TypedResults.Ok(CheckpointView.From(c)) : NotFound("checkpoint"))
            .WithName("GetLatestCheckpoint").WithSummary("The latest signed checkpoint (C2SP signed note)");

        audit.MapGet("/checkpoints/{id:long}", async Task<Results<Ok<CheckpointView>, ProblemHttpResult>> (long id, AuditLog log, IAuditStore store, CancellationToken ct) =>
                Enabled(log) is { } off ? off : await store.GetCheckpointAsync(id, ct) is { } c ? TypedResults.Ok(CheckpointView.From(c)) : NotFound("checkpoint"))
            .WithName("GetCheckpoint").WithSummary("One signed checkpoint");

        audit.MapGet("/proofs/consistency", async Task<Results<Ok<ConsistencyProofView>, ProblemHttpResult, ValidationProblem>> (long from, long to, AuditLog log, IAuditStore store, CancellationToken ct) =>
            {
                if (Enabled(log) is { } off)
                    return off;
                var signed = (await store.GetLatestCheckpointAsync(ct))?.TreeSize ?? 0;
                if (from < 1 || from > to || to > signed)
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = [$"Need 1 <= from <= to <= {signed} (the latest signed size)."] });
                var builder = new MerkleProofBuilder(await StoreSubtreeHashReader.CreateAsync(store, ct));
                var proof = await builder.ConsistencyProofAsync(from, to, ct);
                return TypedResults.Ok(new ConsistencyProofView(from, to, proof.Select(Convert.ToBase64String).ToList()));
            })
            .WithName("GetConsistencyProof").WithSummary("RFC 6962 consistency proof between two tree sizes (at most the latest signed size)");

        var auditor = audit.MapGroup("")
            .RequireAuthorization(AuditApiDefaults.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        auditor.MapGet("/records", async Task<Results<Ok<RecordPage>, ValidationProblem, ProblemHttpResult>> (
                [AsParameters] AuditQueryParameters parameters, HttpContext http, AuditLog log, IAuditStore store, SensitiveValueRedactor redactor, CancellationToken ct) =>
            {
                if (Enabled(log) is { } off)
                    return off;
                if (parameters.Validate() is { Count: > 0 } errors)
                    return TypedResults.ValidationProblem(errors);
                await RecordReadAsync(http, log, "QueryRecords", null, parameters.Describe(redactor), ct);
                var query = parameters.ToQuery(redactor);
                var rows = await store.QueryAsync(query, ct).ToListAsync(ct);
                return TypedResults.Ok(new RecordPage(rows.Select(RecordView.From).ToList(), rows.Count == query.Limit ? rows[^1].Seq : null));
            })
            .WithName("QueryRecords").WithSummary("Query the audit records (time range, client, OPD, API, status, decision, subject)");

        auditor.MapGet("/records/{seq:long}", async Task<Results<Ok<RecordView>, ProblemHttpResult>> (long seq, HttpContext http, AuditLog log, IAuditStore store, CancellationToken ct) =>
            {
                if (Enabled(log) is { } off)
                    return off;
                await RecordReadAsync(http, log, "GetRecord", seq.ToString(CultureInfo.InvariantCulture), null, ct);
                return await store.GetRecordAsync(seq, ct) is { } row ? TypedResults.Ok(RecordView.From(row)) : NotFound("record");
            })
            .WithName("GetRecord").WithSummary("One audit record");

        auditor.MapGet("/records/{seq:long}/proof", async Task<Results<Ok<InclusionProofView>, ProblemHttpResult>> (
                long seq, long? checkpoint, HttpContext http, AuditLog log, IAuditStore store, CancellationToken ct) =>
            {
                if (Enabled(log) is { } off)
                    return off;
                await RecordReadAsync(http, log, "GetInclusionProof", seq.ToString(CultureInfo.InvariantCulture), null, ct);
                var row = await store.GetRecordAsync(seq, ct);
                if (row is null)
                    return NotFound("record");
                var signed = checkpoint is { } id ? await store.GetCheckpointAsync(id, ct) : await store.GetLatestCheckpointAsync(ct);
                if (checkpoint is null && (signed is null || signed.TreeSize <= seq))
                    signed = await log.CheckpointNowAsync(ct);
                if (signed is null)
                    return NotFound("checkpoint");
                if (signed.TreeSize <= seq)
                    return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The checkpoint does not cover the record",
                        detail: $"Checkpoint {signed.Id} signs {signed.TreeSize} records; record {seq} came later. Ask without a checkpoint, or for a later one.");
                try
                {
                    var builder = new MerkleProofBuilder(await StoreSubtreeHashReader.CreateAsync(store, ct));
                    var proof = await builder.InclusionProofAsync(seq, signed.TreeSize, ct);
                    return TypedResults.Ok(new InclusionProofView(seq, signed.TreeSize, Convert.ToBase64String(row.LeafHash),
                        proof.Select(Convert.ToBase64String).ToList(), CheckpointView.From(signed)));
                }
                catch (ArchivedRecordsException)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The checkpoint predates the archive",
                        detail: "That checkpoint covers archived records; prove against a later checkpoint, or use the archive file.");
                }
            })
            .WithName("GetInclusionProof").WithSummary("RFC 6962 inclusion proof of a record against a checkpoint (default: the latest, signed now if needed)");

        auditor.MapGet("/export", async Task<Results<FileContentHttpResult, PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> (
                string? format, [AsParameters] AuditQueryParameters parameters, HttpContext http, AuditLog log, IAuditStore store,
                SensitiveValueRedactor redactor, IOptions<AuditOptions> options, CancellationToken ct) =>
            {
                if (Enabled(log) is { } off)
                    return off;
                format ??= "jsonl";
                var errors = parameters.Validate();
                if (format is not ("jsonl" or "csv"))
                    errors["format"] = ["format must be 'jsonl' or 'csv'."];
                if (errors.Count > 0)
                    return TypedResults.ValidationProblem(errors);
                var described = new Dictionary<string, string?>(parameters.Describe(redactor)) { ["format"] = format };
                await RecordReadAsync(http, log, "ExportRecords", null, described, ct);
                var checkpoint = await log.CheckpointNowAsync(ct);
                if (checkpoint is null)
                    return NotFound("checkpoint");
                var query = parameters.ToQuery(redactor) with { Limit = AuditQueryParameters.MaxLimit };
                var name = $"audit-export-{DateTimeOffset.UtcNow:yyyyMMddTHHmmssZ}.{format}";
                return TypedResults.Stream(stream => format == "csv"
                        ? AuditExport.WriteCsvAsync(stream, store, query, checkpoint, http.RequestAborted)
                        : AuditExport.WriteJsonLinesAsync(stream, store, query, checkpoint, options.Value.Origin, http.RequestAborted),
                    format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson", name);
            })
            .WithName("ExportRecords").WithSummary("Export the selected records: JSON Lines with inclusion proofs against a fresh checkpoint, or CSV");

        return audit;
    }

    private static async Task<IReadOnlyList<StoredKey>> KeysAsync(IAuditStore store, AuditLog log, CancellationToken ct) =>
        log.IsEnabled ? await store.ListKeysAsync(ct) : [];

    /// <summary>Reading the log is itself an audit event, durable (in strict mode) before anything is returned.</summary>
    private static async Task RecordReadAsync(HttpContext http, AuditLog log, string action, string? target, IReadOnlyDictionary<string, string?>? details, CancellationToken ct) =>
        await log.AppendAsync(new AuditEvent(AuditRecordTypes.AuditRead, action, "succeeded", Actor: AdministrativeActor.Of(http.User), Target: target,
            RequestId: http.TraceIdentifier, SourceIp: http.Connection.RemoteIpAddress?.ToString(), Details: details), ct);

    private static ProblemHttpResult? Enabled(AuditLog log) => log.IsEnabled ? null :
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "The audit log is switched off",
            detail: "This gateway runs with Audit:Mode=Off and keeps no audit log.");

    private static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {what}", detail: $"The audit log holds no {what} with that identifier.");
}
