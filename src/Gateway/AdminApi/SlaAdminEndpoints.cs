using Microsoft.AspNetCore.Http.HttpResults;
using SpbeConnector.Policies.Sla;

namespace SpbeConnector.Gateway.AdminApi;

/// <summary>
/// The service-level report in the admin API (Pasal 60 ayat (3) huruf m): availability per API and per OPD over the last
/// day or 30 days, against the floor, as JSON or as CSV for the OPD's own reporting.
/// </summary>
public static class SlaAdminEndpoints
{
    public static void MapSlaAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGatewayAdminGroup("Service level");

        group.MapGet("/sla", async Task<Results<Ok<SlaReport>, ValidationProblem>> (string? window, SlaMonitor monitor, CancellationToken ct) =>
                ParseWindow(window, out var parsed, out var problem) ? TypedResults.Ok(await monitor.ReportAsync(parsed, ct)) : problem)
            .WithName("GetSlaReport")
            .WithSummary("Availability per API and per OPD over a rolling window (window=1d or 30d, default 30d), against the floor");

        group.MapGet("/sla.csv", async Task<Results<FileContentHttpResult, ValidationProblem>> (string? window, SlaMonitor monitor, CancellationToken ct) =>
            {
                if (!ParseWindow(window, out var parsed, out var problem))
                    return problem;
                var report = await monitor.ReportAsync(parsed, ct);
                return TypedResults.File(SlaCsv.Write(report), "text/csv; charset=utf-8", SlaCsv.FileName(report));
            })
            .WithName("GetSlaReportCsv")
            .WithSummary("The same report as CSV, one row per API and per OPD")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
    }

    private static bool ParseWindow(string? window, out SlaWindow parsed, out ValidationProblem problem)
    {
        parsed = SlaWindow.Parse(window ?? SlaWindow.ThirtyDays.Name)!;
        problem = null!;
        if (parsed is not null)
            return true;
        problem = TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["window"] = [$"must be one of {string.Join(", ", SlaWindow.All.Select(w => w.Name))}"],
        }, title: "Unknown SLA window");
        return false;
    }
}
