using Microsoft.Extensions.Options;
using SpbeConnector.Portal;
using SpbeConnector.Portal.Onboarding;

namespace SpbeConnector.Portal.Tests.Onboarding;

/// <summary>The interoperability conformance rules (Kota Bekasi Pasal 22 ayat (3) huruf b), each on its own.</summary>
public class ConformanceCheckerTests
{
    private const string Conformant = """
        {"openapi":"3.0.3","info":{"title":"t","version":"v1"},"security":[{"oauth2":[]}],
         "paths":{"/items/{id}":{"get":{"operationId":"getItem","summary":"Read an item",
           "responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"type":"object"}}}},
                        "404":{"description":"none","content":{"application/problem+json":{"schema":{"type":"object"}}}}}}}},
         "components":{"securitySchemes":{"oauth2":{"type":"oauth2","flows":{"clientCredentials":{"tokenUrl":"https://gw/oauth2/token","scopes":{}}}}}}}
        """;

    private static ConformanceChecker Checker(Dictionary<string, ConformanceSeverity>? rules = null) =>
        new(Options.Create(new PortalOptions { ConformanceRules = rules ?? new(StringComparer.OrdinalIgnoreCase) }));

    [Fact]
    public void A_conformant_API_has_no_findings() =>
        Assert.Empty(Checker().Check("v1", ["https://opd.example.go.id/api"], false, Conformant));

    [Fact]
    public void Each_rule_names_where_the_document_breaks_it()
    {
        var document = """
            {"openapi":"3.0.3","info":{"title":"t","version":"1"},
             "paths":{"/a":{"post":{"requestBody":{"content":{"text/plain":{"schema":{"type":"string"}}}},
               "responses":{"200":{"description":"ok"},"400":{"description":"bad","content":{"application/json":{"schema":{"type":"object"}}}}}}}}}
            """;
        var findings = Checker().Check("1.0", ["http://opd.example.go.id"], false, document);
        Assert.Contains(findings, f => f is { Rule: ConformanceRules.VersionedBasePath, Severity: ConformanceSeverity.Error });
        Assert.Contains(findings, f => f is { Rule: ConformanceRules.HttpsUpstream, Severity: ConformanceSeverity.Error, Location: "http://opd.example.go.id" });
        Assert.Contains(findings, f => f is { Rule: ConformanceRules.OperationId, Location: "/paths/~1a/post" });
        Assert.Contains(findings, f => f is { Rule: ConformanceRules.OperationSummary, Severity: ConformanceSeverity.Warning });
        Assert.Contains(findings, f => f is { Rule: ConformanceRules.SecurityRequirement, Severity: ConformanceSeverity.Error });
        Assert.Contains(findings, f => f is { Rule: ConformanceRules.ResponseSchemas, Location: "/paths/~1a/post/responses/200" });
        Assert.Contains(findings, f => f is { Rule: ConformanceRules.ProblemJsonErrors, Location: "/paths/~1a/post/responses/400" });
        Assert.Contains(findings, f => f is { Rule: ConformanceRules.JsonContentTypes, Location: "/paths/~1a/post/requestBody/content/text~1plain" });
    }

    [Fact]
    public void A_region_can_weigh_a_rule_differently_or_switch_it_off()
    {
        var checker = Checker(new(StringComparer.OrdinalIgnoreCase) { ["HttpsUpstream"] = ConformanceSeverity.Warning, ["VersionedBasePath"] = ConformanceSeverity.Off });
        var findings = checker.Check("1.0", ["http://127.0.0.1:9000"], false, Conformant);
        Assert.Equal([new ConformanceFinding(ConformanceRules.HttpsUpstream, ConformanceSeverity.Warning, "http://127.0.0.1:9000")], findings);
    }

    [Fact]
    public void A_public_API_needs_no_security_requirement()
    {
        var document = Conformant.Replace("\"security\":[{\"oauth2\":[]}],", "");
        Assert.Contains(Checker().Check("v1", ["https://x"], false, document), f => f.Rule == ConformanceRules.SecurityRequirement);
        Assert.DoesNotContain(Checker().Check("v1", ["https://x"], true, document), f => f.Rule == ConformanceRules.SecurityRequirement);
    }
}
