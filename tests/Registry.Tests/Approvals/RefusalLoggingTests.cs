using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SpbeConnector.Registry.AdminApi;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Registry.Tests.Approvals;

/// <summary>
/// An expected refusal of the approval workflow (a decider without the stage's role, a publication without its
/// decisions) is answered as problem+json and logged once as a handled refusal, never as an unhandled exception at
/// Error: an operator's error alerts stay for faults. Read from the gateway's own JSON log file, as an operator would.
/// </summary>
public sealed class RefusalLoggingTests
{
    [Fact]
    public async Task A_refused_decision_is_answered_as_a_problem_and_logged_as_a_handled_refusal_not_an_error()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Information" });
        var id = await ApprovalTestApis.RegisterDraftAsync(gateway, "http://127.0.0.1:9");
        await gateway.MoveApiAsync(id, "Submitted");
        var request = (await gateway.Approvals.Workflow.FindPendingAsync(id, CancellationToken.None))!;

        // The administrator holds no reviewer's role: the stage is not theirs to decide.
        var refused = await gateway.Admin.PostAsJsonAsync($"/admin/v1/approval-requests/{request.Id}/decisions", new { approve = true });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("role", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("rule").GetString());
        var early = await gateway.Admin.PostAsJsonAsync($"/admin/v1/apis/{id}/status", new { status = "Published" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("application/problem+json", early.Content.Headers.ContentType?.MediaType);

        // The log is written in the background: wait for the second refusal's record.
        var handler = typeof(RegistryExceptionHandler).FullName;
        List<JsonElement> events = [];
        for (var i = 0; i < 100 && !events.Any(e => Source(e) == handler && Level(e) == "Information"); i++)
        {
            await Task.Delay(100);
            events = await ReadLogAsync(gateway.DataDirectory);
        }
        var handled = events.Where(e => Source(e) == handler).ToList();
        Assert.Contains(handled, e => Level(e) == "Warning" && Property(e, "Rule") == "role" && Property(e, "Path")!.Contains(request.Id.ToString(), StringComparison.Ordinal));
        Assert.Contains(handled, e => Level(e) == "Information" && Property(e, "Status") == "409" && Property(e, "Path") == $"/admin/v1/apis/{id}/status");
        // Neither refusal is logged as an error (the exception handler middleware's "unhandled exception").
        Assert.DoesNotContain(events, e => Level(e) is "Error" or "Fatal");
    }

    private static string? Source(JsonElement e) => e.GetProperty("Properties").TryGetProperty("SourceContext", out var s) ? s.GetString() : null;

    private static string Level(JsonElement e) => e.TryGetProperty("Level", out var l) ? l.GetString()! : "Information";

    private static string? Property(JsonElement e, string name) =>
        e.GetProperty("Properties").TryGetProperty(name, out var p) ? (p.ValueKind == JsonValueKind.String ? p.GetString() : p.GetRawText()) : null;

    private static async Task<List<JsonElement>> ReadLogAsync(string dataDirectory)
    {
        var events = new List<JsonElement>();
        foreach (var file in Directory.GetFiles(Path.Combine(dataDirectory, "logs"), "gateway-*.json"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.StartsWith('{'))
                    events.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
        }
        return events;
    }
}
