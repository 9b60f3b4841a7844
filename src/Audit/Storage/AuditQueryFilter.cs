using System.Text;

namespace SpbeConnector.Audit.Storage;

/// <summary>
/// The WHERE clause of an <see cref="AuditQuery"/>, shared by the SQLite and PostgreSQL stores: each store says how its
/// parameters are written (<c>$name</c>, <c>@name</c>), how it adds one, and how it finds bytes inside a record.
/// </summary>
internal static class AuditQueryFilter
{
    /// <param name="marker">The parameter prefix of the engine ('$' or '@').</param>
    /// <param name="containsClause">The engine's "record contains {0}" test, with {0} the parameter.</param>
    /// <param name="add">Adds a parameter (name without prefix, value).</param>
    public static string Where(AuditQuery query, char marker, string containsClause, Action<string, object> add)
    {
        var where = new StringBuilder("WHERE 1=1");
        void Filter(string clause, string name, object? value)
        {
            if (value is null)
                return;
            where.Append(" AND ").Append(clause.Replace("{p}", marker + name));
            add(name, value);
        }
        Filter("time_ms >= {p}", "from", query.From?.ToUnixTimeMilliseconds());
        Filter("time_ms < {p}", "to", query.To?.ToUnixTimeMilliseconds());
        Filter("client_id = {p}", "client", query.ClientId);
        Filter("(client_opd = {p} OR api_opd = {p})", "opd", query.Opd);
        Filter("api = {p}", "api", query.Api);
        Filter("status = {p}", "status", query.Status);
        Filter("request_id = {p}", "request", query.RequestId);
        Filter("type = {p}", "type", query.Type);
        Filter("refused_by = {p}", "refusedBy", query.RefusedBy);
        Filter("seq > {p}", "after", query.AfterSeq);
        Filter("seq < {p}", "before", query.BeforeSeq);
        Filter(string.Format(containsClause, "{p}"), "contains", query.Contains);
        if (query.Refused is { } refused)
            where.Append(refused ? " AND refused_by IS NOT NULL" : " AND refused_by IS NULL AND status IS NOT NULL");
        return where.ToString();
    }
}
