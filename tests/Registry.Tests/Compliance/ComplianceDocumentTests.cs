using SpbeConnector.Registry.Compliance;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Registry.Tests.Compliance;

/// <summary>
/// docs/compliance.md is written from the mapping: it must be exactly what the mapping gives, so that the document a
/// reviewer reads and the report the installation prints cannot disagree. After a change of the mapping, regenerate it
/// with <c>SPBE_UPDATE_DOCS=1</c> and commit the result.
/// </summary>
public sealed class ComplianceDocumentTests
{
    [Fact]
    public async Task The_compliance_document_is_generated_from_the_mapping()
    {
        var path = Path.Combine(RepositoryPaths.Root(), "docs", "compliance.md");
        var generated = ComplianceDocument.Write(ComplianceMapping.Current);
        if (Environment.GetEnvironmentVariable("SPBE_UPDATE_DOCS") == "1")
            await File.WriteAllTextAsync(path, generated);

        Assert.True(File.Exists(path), $"{path} is missing; run this test once with SPBE_UPDATE_DOCS=1 to write it.");
        Assert.True(generated == (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n"),
            "docs/compliance.md differs from the compliance mapping; run the test with SPBE_UPDATE_DOCS=1 and commit the file.");
    }
}
