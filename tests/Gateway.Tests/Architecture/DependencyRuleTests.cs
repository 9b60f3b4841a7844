using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Architecture;

/// <summary>
/// The dependency rule of docs/architecture.md: Gateway -> Portal, Policies, Audit, Registry; Portal -> Registry, Audit,
/// Policies; Policies -> Audit and the Registry's contracts; Audit -> the Registry's contracts; Registry -> none of them.
/// Checked three ways, so that a forbidden dependency fails here whichever way it comes in: the project files'
/// references, the compiled assemblies' references, and the types each assembly actually uses from the Registry.
/// </summary>
public class DependencyRuleTests
{
    private static readonly string[] Projects = ["Registry", "Audit", "Policies", "Portal", "Gateway"];

    /// <summary>The projects of src/ each project may reference.</summary>
    private static readonly Dictionary<string, string[]> AllowedProjects = new()
    {
        ["Registry"] = [],
        ["Audit"] = ["Registry"],
        ["Policies"] = ["Audit", "Registry"],
        ["Portal"] = ["Registry", "Audit", "Policies"],
        ["Gateway"] = ["Registry", "Audit", "Policies", "Portal"],
    };

    /// <summary>
    /// The Registry namespaces the data-plane projects may use: its read-only contracts. Registry.Domain's per-API
    /// settings and Registry.OpenApi's document model are what the policies read of an API today; they are listed
    /// one by one (type by type) so that nothing else of the Registry (its catalog, store, admin API, OAuth server)
    /// can come in unnoticed.
    /// </summary>
    private static readonly Dictionary<string, string[]> AllowedRegistryTypes = new()
    {
        ["Audit"] =
        [
            "SpbeConnector.Registry.Contracts.*",
            // `audit verify` without a path reads the data directory the whole product resolves one way (SPBE_DATA_DIR or ./data).
            "SpbeConnector.Registry.Hosting.DataDirectory",
        ],
        ["Policies"] =
        [
            "SpbeConnector.Registry.Contracts.*",
            "SpbeConnector.Registry.Domain.ApiValidationSettings",
            "SpbeConnector.Registry.Domain.ApiCorsSettings",
            "SpbeConnector.Registry.Domain.ResponseValidationMode",
            "SpbeConnector.Registry.Domain.ScannerOutageMode",
            "SpbeConnector.Registry.Domain.SessionMode",
            "SpbeConnector.Registry.Domain.InformationClassification",
            "SpbeConnector.Registry.OpenApi.OpenApiSecurityScopes",
            "SpbeConnector.Registry.OpenApi.OpenApiStructureRules",
        ],
    };

    [Fact]
    public void Each_project_file_references_only_the_projects_the_rule_allows()
    {
        var violations = new List<string>();
        foreach (var project in Projects)
        {
            var file = Path.Combine(RepositoryPaths.Root(), "src", project, project + ".csproj");
            var referenced = XDocument.Load(file).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value));
            violations.AddRange(referenced.Except(AllowedProjects[project])
                .Select(r => $"src/{project}/{project}.csproj references {r}, which the dependency rule forbids"));
        }
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void Each_assembly_references_only_the_projects_the_rule_allows()
    {
        var violations = new List<string>();
        foreach (var project in Projects)
        {
            using var reader = Open(project);
            var metadata = reader.GetMetadataReader();
            var referenced = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name))
                .Where(n => n.StartsWith("SpbeConnector.", StringComparison.Ordinal))
                .Select(n => n["SpbeConnector.".Length..]);
            violations.AddRange(referenced.Except(AllowedProjects[project])
                .Select(r => $"SpbeConnector.{project}.dll uses SpbeConnector.{r}, which the dependency rule forbids"));
        }
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Theory]
    [InlineData("Policies")]
    [InlineData("Audit")]
    public void A_data_plane_assembly_uses_only_the_registry_types_the_rule_allows(string project)
    {
        using var reader = Open(project);
        var metadata = reader.GetMetadataReader();
        var allowed = AllowedRegistryTypes[project];
        var violations = metadata.TypeReferences
            .Select(h => metadata.GetTypeReference(h))
            .Select(t => (Namespace: metadata.GetString(t.Namespace), Name: metadata.GetString(t.Name)))
            .Where(t => t.Namespace.StartsWith("SpbeConnector.Registry", StringComparison.Ordinal))
            .Select(t => $"{t.Namespace}.{BaseName(t.Name)}")
            .Distinct()
            .Where(type => !allowed.Any(a => a.EndsWith(".*", StringComparison.Ordinal)
                ? type.StartsWith(a[..^1], StringComparison.Ordinal) : type == a))
            .Order()
            .ToList();
        Assert.True(violations.Count == 0,
            $"SpbeConnector.{project} uses Registry types outside what the dependency rule allows it (docs/architecture.md):\n" +
            string.Join("\n", violations) + "\nGive it what it needs through SpbeConnector.Registry.Contracts instead.");
    }

    /// <summary>"Foo`1" -> "Foo": generic arity does not change what a type is.</summary>
    private static string BaseName(string name) => name.IndexOf('`') is var tick and >= 0 ? name[..tick] : name;

    private static PEReader Open(string project)
    {
        var path = Path.Combine(AppContext.BaseDirectory, $"SpbeConnector.{project}.dll");
        Assert.True(File.Exists(path), $"{path} is missing: the test project must reference SpbeConnector.{project} (through TestSupport).");
        return new PEReader(File.OpenRead(path));
    }
}
