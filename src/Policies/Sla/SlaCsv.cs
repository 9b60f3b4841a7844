using System.Globalization;
using System.Text;
using SpbeConnector.Policies.Sla;

namespace SpbeConnector.Policies.Sla;

/// <summary>The SLA report as CSV (RFC 4180): one row per API, then one per OPD, with the window and floor on every row.</summary>
public static class SlaCsv
{
    public const string Header = "scope,opd,api,window,from,to,total,good,failed,slow,availability,floor,below_floor";

    /// <summary>The download's name: window and end time, so that monthly files of an OPD sort and do not overwrite each other.</summary>
    public static string FileName(SlaReport report) => $"sla-{report.Window}-{report.To:yyyyMMdd'T'HHmm'Z'}.csv";

    public static byte[] Write(SlaReport report)
    {
        var csv = new StringBuilder();
        csv.Append(Header).Append("\r\n");
        foreach (var api in report.Apis)
            Row(csv, report, "api", api.OpdCode, api.Api, api.Figures);
        foreach (var opd in report.Opds)
            Row(csv, report, "opd", opd.OpdCode, "", opd.Figures);
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static void Row(StringBuilder csv, SlaReport report, string scope, string opd, string api, SlaFigures figures)
    {
        var i = CultureInfo.InvariantCulture;
        csv.Append(scope).Append(',').Append(Field(opd)).Append(',').Append(Field(api)).Append(',').Append(report.Window).Append(',')
            .Append(report.From.ToString("O", i)).Append(',').Append(report.To.ToString("O", i)).Append(',')
            .Append(figures.Total.ToString(i)).Append(',').Append(figures.Good.ToString(i)).Append(',')
            .Append(figures.Failed.ToString(i)).Append(',').Append(figures.Slow.ToString(i)).Append(',')
            .Append(figures.Availability?.ToString("0.######", i) ?? "").Append(',').Append(report.Floor.ToString(i)).Append(',')
            .Append(figures.BelowFloor ? "true" : "false").Append("\r\n");
    }

    /// <summary>Quotes a field that holds a separator or a quote; a leading formula character is defused for spreadsheets.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
