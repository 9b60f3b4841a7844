using System.Globalization;
using System.Text;
using SpbeConnector.Audit.Storage;
using SpbeConnector.Audit.Records;

namespace SpbeConnector.Audit.Api;

/// <summary>
/// The security team's filters (query string): time range (<c>from</c>, <c>to</c>, ISO 8601), <c>client</c>, <c>opd</c>
/// (caller's or API owner's), <c>api</c> (<c>opd/api/version</c>), <c>status</c>, <c>decision</c> (<c>refused</c> or
/// <c>allowed</c>), <c>refusedBy</c> (a policy), <c>requestId</c>, <c>type</c>, <c>subject</c> (a sensitive value such
/// as a NIK: matched through its HMAC pseudonym, never stored or logged in clear), <c>after</c> and <c>limit</c>.
/// </summary>
public sealed class AuditQueryParameters
{
    public const int MaxLimit = 1000;

    public DateTimeOffset? From { get; set; }
    public DateTimeOffset? To { get; set; }
    public string? Client { get; set; }
    public string? Opd { get; set; }
    public string? Api { get; set; }
    public int? Status { get; set; }
    public string? Decision { get; set; }
    public string? RefusedBy { get; set; }
    public string? RequestId { get; set; }
    public string? Type { get; set; }
    public string? Subject { get; set; }
    public long? After { get; set; }
    public int? Limit { get; set; }

    public IDictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Limit is < 1 or > MaxLimit)
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        if (Decision is not (null or "refused" or "allowed"))
            errors["decision"] = ["decision must be 'refused' or 'allowed'."];
        if (From is not null && To is not null && From > To)
            errors["from"] = ["from must not be after to."];
        return errors;
    }

    public AuditQuery ToQuery(SensitiveValueRedactor redactor, int? limit = null) => new(
        From, To, Client, Opd, Api, Status, RequestId, Type,
        Decision switch { "refused" => true, "allowed" => false, _ => null }, RefusedBy, After, limit ?? Limit ?? 100,
        Subject is { Length: > 0 } subject ? Encoding.UTF8.GetBytes(redactor.Pseudonym(subject)) : null);

    /// <summary>The filters as recorded in the audit.read record: the subject only as its pseudonym.</summary>
    public IReadOnlyDictionary<string, string?> Describe(SensitiveValueRedactor redactor)
    {
        var d = new Dictionary<string, string?>();
        void Add(string key, object? value)
        {
            if (value is not null)
                d[key] = Convert.ToString(value, CultureInfo.InvariantCulture);
        }
        Add("from", From?.ToString("O", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("O", CultureInfo.InvariantCulture));
        Add("client", Client);
        Add("opd", Opd);
        Add("api", Api);
        Add("status", Status);
        Add("decision", Decision);
        Add("refusedBy", RefusedBy);
        Add("requestId", RequestId);
        Add("type", Type);
        Add("subject", Subject is null ? null : redactor.Pseudonym(Subject));
        Add("after", After);
        Add("limit", Limit);
        return d;
    }
}
