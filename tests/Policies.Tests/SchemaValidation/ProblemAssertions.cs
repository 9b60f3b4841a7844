using System.Net;
using System.Text.Json;

namespace SpbeConnector.Policies.Tests.SchemaValidation;

/// <summary>Reads a problem-details answer and checks what every refusal must be: problem+json, no echo of the input.</summary>
internal static class ProblemAssertions
{
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, params string[] neverEchoed)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        foreach (var value in neverEchoed.Where(v => v.Length >= 4))
            Assert.DoesNotContain(value, text, StringComparison.OrdinalIgnoreCase);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>The (location, rule) pairs of a 400 answer.</summary>
    public static (string Location, string Rule)[] Errors(this JsonElement problem) =>
        problem.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("location").GetString()!, e.GetProperty("rule").GetString()!))
            .ToArray();
}
