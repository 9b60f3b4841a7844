using System.Diagnostics;
using System.Text;
using NJsonSchema;
using NSwag;
using SpbeConnector.Policies.SchemaValidation;
using SpbeConnector.Policies.SchemaValidation.Contract;
using SpbeConnector.Policies.SchemaValidation.Schemas;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.OpenApi;

// Both candidates read the same OpenAPI 3.0 YAML document (the tests' sample API) and validate the same 1 KB JSON
// body against the schema of POST /permohonan. Each time is the fastest of 15 short rounds after a warm-up: on a
// machine shared with other work, the fastest round is the one least disturbed, so it is the fairest estimate of
// the cost itself (the median is printed too).
var yaml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "dpmptsp-perizinan-v1.yaml"));
var valid = Encoding.UTF8.GetBytes(BenchBody.Valid);
var invalid = Encoding.UTF8.GetBytes(BenchBody.Valid.Replace("\"3275010101900001\"", "\"32750101019000AB\""));
Console.WriteLine($"body: {valid.Length} bytes");

// ---- NSwag.Core.Yaml + NJsonSchema ----------------------------------------------------------------------------
var nswagDocument = await OpenApiYamlDocument.FromYamlAsync(yaml);
var nswagSchema = nswagDocument.Paths["/permohonan"]["post"].RequestBody.Content["application/json"].Schema.ActualSchema;
var validText = Encoding.UTF8.GetString(valid);
var invalidText = Encoding.UTF8.GetString(invalid);
Report("NJsonSchema", "valid body", nswagSchema.Validate(validText).Count == 0, "invalid body", nswagSchema.Validate(invalidText).Count > 0);

// ---- the gateway's reader and compiled validator ---------------------------------------------------------------
var read = OpenApiDocumentReader.Read(yaml);
var contract = ApiContractCompiler.Compile(new ApiDocument(Guid.Empty, 1, read.Json!, ""), out _)!;
Span<Range> segments = stackalloc Range[ApiContract.SegmentBufferLength];
var schema = contract.Match("permohonan", segments, out _)!.Operations["POST"].RequestBody!.Content[0].Schema;
var settings = ApiValidationSettings.Default;
bool Own(byte[] body) => JsonBodyValidator.Validate(body, schema, settings, "/body", ValidationDirection.Request) is null;
Report("gateway", "valid body", Own(valid), "invalid body", !Own(invalid));

Console.WriteLine();
Console.WriteLine("| step | NSwag.Core.Yaml + NJsonSchema 10.7.2 | gateway (YamlDotNet + System.Text.Json, compiled) | ratio |");
Console.WriteLine("|---|---|---|---|");
Row("read + check the YAML document", Measure(5, () => OpenApiYamlDocument.FromYamlAsync(yaml).GetAwaiter().GetResult()),
    Measure(5, () => { var r = OpenApiDocumentReader.Read(yaml); ApiContractCompiler.Compile(new ApiDocument(Guid.Empty, 1, r.Json!, ""), out _); }));
Row("validate the valid 1 KB body", Measure(2_000, () => nswagSchema.Validate(validText)), Measure(2_000, () => Own(valid)));
Row("validate the invalid 1 KB body", Measure(2_000, () => nswagSchema.Validate(invalidText)), Measure(2_000, () => Own(invalid)));
Console.WriteLine();
Console.WriteLine("Where the gateway's time goes, valid body:");
Console.WriteLine($"  structural scan  {Measure(2_000, () => JsonBodyScanner.Scan(valid, settings, "/body")).Best:0.0} µs");
Console.WriteLine($"  parse            {Measure(2_000, () => System.Text.Json.JsonDocument.Parse(valid, new System.Text.Json.JsonDocumentOptions { AllowDuplicateProperties = false }).Dispose()).Best:0.0} µs");
Console.WriteLine($"  all three steps  {Measure(2_000, () => Own(valid)).Best:0.0} µs");
Row("allocated per valid body", Allocated(20_000, () => nswagSchema.Validate(validText)), Allocated(20_000, () => Own(valid)), unit: "bytes");

static void Report(string name, string a, bool okA, string b, bool okB)
{
    Console.WriteLine($"{name}: {a} accepted={okA}, {b} refused={okB}");
    if (!okA || !okB)
        throw new InvalidOperationException($"{name} does not judge the bodies as expected; the comparison would be meaningless.");
}

static void Row(string step, (double Best, double Median) theirs, (double Best, double Median) ours, string unit = "µs") =>
    Console.WriteLine($"| {step} | {theirs.Best:0.0} {unit} (median {theirs.Median:0.0}) | {ours.Best:0.0} {unit} (median {ours.Median:0.0}) | {theirs.Best / ours.Best:0.0}x |");

/// <summary>
/// Microseconds per call: the fastest and the median of 15 rounds of <paramref name="count"/> calls, after at least
/// two seconds of warm-up, so that tiered compilation has finished optimising the code being measured.
/// </summary>
static (double Best, double Median) Measure(int count, Action action)
{
    var warmup = Stopwatch.StartNew();
    while (warmup.Elapsed < TimeSpan.FromSeconds(2))
    {
        for (var i = 0; i < count; i++)
            action();
    }
    var rounds = new List<double>();
    for (var round = 0; round < 15; round++)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
            action();
        rounds.Add(watch.Elapsed.TotalMicroseconds / count);
    }
    var sorted = rounds.Order().ToArray();
    return (sorted[0], sorted[7]);
}

static (double, double) Allocated(int count, Action action)
{
    action();
    var before = GC.GetAllocatedBytesForCurrentThread();
    for (var i = 0; i < count; i++)
        action();
    var bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)count;
    return (bytes, bytes);
}

/// <summary>The 1 KB JSON body of the benchmark (the same body bench/validation-cost.sh posts through the gateway).</summary>
internal static class BenchBody
{
    public static string Valid => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "permohonan-1kb.json")).Trim();
}
