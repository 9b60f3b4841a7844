using SpbeConnector.Registry.Contracts.Compliance;
using System.Text.RegularExpressions;
using SpbeConnector.Registry.Compliance;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Registry.Tests.Compliance;

/// <summary>
/// The compliance mapping is the one source of truth of the report (Pasal 59 ayat (2) huruf a): it must hold every
/// lettered row of the Pasal 59 and 60 tables of the requirements extraction, once, and every test it cites as proof
/// must exist in the test sources, so that a renamed or deleted test cannot leave the report citing nothing.
/// </summary>
public sealed partial class ComplianceMappingTests
{
    [Fact]
    public void Every_lettered_row_of_pasal_59_and_60_is_one_entry_of_the_mapping()
    {
        var rows = LetteredRows(File.ReadAllLines(RequirementsExtraction()));
        var keys = ComplianceMapping.Current.Items.Select(i => i.Key).ToList();

        Assert.True(rows.Count > 100, $"Only {rows.Count} lettered rows were read from the extraction; its table format changed.");
        Assert.Empty(keys.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Equal(rows.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        foreach (var item in ComplianceMapping.Current.Items)
        {
            Assert.False(string.IsNullOrWhiteSpace(item.TextId), $"{item.Key} has no Indonesian text.");
            Assert.False(string.IsNullOrWhiteSpace(item.TextEn), $"{item.Key} has no English text.");
            Assert.False(string.IsNullOrWhiteSpace(item.Control), $"{item.Key} names no control.");
            // A fixed assessment says why; a check or a summary gives its own reason.
            Assert.True(item.Check is not null || item.Covers.Count > 0 || item.Reason.Length > 0, $"{item.Key} has neither a check nor a reason.");
            Assert.True(item.Status != ComplianceStatus.Met || item.Check is not null || item.Covers.Count > 0 || item.Tests.Count > 0 || item.Reason.Length > 0,
                $"{item.Key} is met with no check, no test and no reason.");
            // A reviewer reads the reason in Bahasa Indonesia first: none may be English only.
            Assert.True(item.Reason.Length == 0 || item.ReasonId.Length > 0, $"{item.Key} has a reason in English only.");
        }
    }

    [Fact]
    public void Every_duty_the_other_regulations_state_is_one_entry_of_the_mapping_citing_exactly_their_instruments()
    {
        var duties = LabelledDuties(File.ReadAllLines(RequirementsExtraction()));
        var mapped = ComplianceMapping.Current.Duties;

        Assert.True(duties.Count > 100, $"Only {duties.Count} labelled duties were read from the extraction; its format changed.");
        Assert.Empty(mapped.GroupBy(d => d.Id).Where(g => g.Count() > 1).Select(g => g.Key));
        // Every duty that Kabupaten Bekasi, Batu Bara, Bogor or Timor Tengah Selatan states is mapped...
        var required = duties.Where(d => d.Value.Any(r => !r.StartsWith("003_", StringComparison.Ordinal))).Select(d => d.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Empty(required.Except(mapped.Select(d => d.Id)));
        foreach (var duty in mapped)
        {
            // ...each exists in the extraction and names exactly the instruments its text cites, with their titles.
            Assert.True(duties.ContainsKey(duty.Id), $"{duty.Id} is not a duty of the extraction.");
            Assert.Equal(duties[duty.Id], duty.Regulations.Order(StringComparer.Ordinal).ToList());
            Assert.All(duty.Regulations, r => Assert.True(ComplianceMapping.Current.Instruments.ContainsKey(r), $"{duty.Id} cites {r}, which has no title."));
            Assert.Contains("Pasal", duty.Citation);
            Assert.False(string.IsNullOrWhiteSpace(duty.TextId), $"{duty.Id} has no Indonesian text.");
            Assert.False(string.IsNullOrWhiteSpace(duty.TextEn), $"{duty.Id} has no English text.");
            Assert.False(string.IsNullOrWhiteSpace(duty.Control), $"{duty.Id} names no control.");
            Assert.True(duty.Check is not null || duty.Reason.Length > 0, $"{duty.Id} has neither a check nor a reason.");
            Assert.True(duty.Reason.Length == 0 || duty.ReasonId.Length > 0, $"{duty.Id} has a reason in English only.");
            Assert.True(duty.Status == ComplianceStatus.Met || duty.Reason.Length > 0, $"{duty.Id} is {duty.Status} without saying why.");
        }
    }

    [Fact]
    public void Every_test_the_mapping_names_exists()
    {
        var existing = TestNames(Path.Combine(RepositoryPaths.Root(), "tests"));
        var missing = ComplianceMapping.Current.Items
            .SelectMany(i => i.Tests.Select(t => (i.Key, Test: t)))
            .Concat(ComplianceMapping.Current.Duties.SelectMany(d => d.Tests.Select(t => (Key: d.Id, Test: t))))
            .Where(t => !existing.Contains(t.Test))
            .Select(t => $"{t.Key}: {t.Test}")
            .ToList();
        Assert.True(missing.Count == 0, "The mapping names tests that do not exist:\n" + string.Join("\n", missing));
        Assert.Contains("ComplianceMappingTests.Every_test_the_mapping_names_exists", existing);
    }

    [Fact]
    public void Every_summary_covers_items_that_exist()
    {
        var keys = ComplianceMapping.Current.Items.Select(i => i.Key).ToList();
        foreach (var item in ComplianceMapping.Current.Items.Where(i => i.Covers.Count > 0))
        {
            foreach (var covered in item.Covers)
                Assert.True(keys.Any(k => k == covered || k.StartsWith(covered, StringComparison.Ordinal)), $"{item.Key} covers {covered}, which has no item.");
        }
    }

    /// <summary>
    /// The requirements extraction: the team's reference beside the repository (<c>shared/requirements</c> in a folder
    /// above it) when it is there, so that a newer extraction is what the mapping is held to; otherwise the copy kept
    /// with this test (taken from it on 2026-12-07), so that a clone alone runs the test.
    /// </summary>
    internal static string RequirementsExtraction()
    {
        for (var dir = new DirectoryInfo(RepositoryPaths.Root()).Parent; dir is not null; dir = dir.Parent)
        {
            var shared = Path.Combine(dir.FullName, "shared", "requirements", "regulations-en.md");
            if (File.Exists(shared))
                return shared;
        }
        var copy = Path.Combine(RepositoryPaths.Root(), "tests", "Registry.Tests", "Compliance", "regulations-en.md");
        return File.Exists(copy)
            ? copy
            : throw new FileNotFoundException($"The requirements extraction is neither in a shared/requirements folder above the repository nor at {copy}.");
    }

    /// <summary>The keys ("59(4)a", "60(3)m") of the lettered rows of the tables in sections 6 (Pasal 59) and 7 (Pasal 60).</summary>
    internal static List<string> LetteredRows(string[] lines)
    {
        var rows = new List<string>();
        int? pasal = null, ayat = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
                pasal = line.StartsWith("## 6.", StringComparison.Ordinal) ? 59 : line.StartsWith("## 7.", StringComparison.Ordinal) ? 60 : null;
            if (AyatHeading().Match(line) is { Success: true } heading)
                ayat = int.Parse(heading.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (pasal is null || !line.StartsWith('|'))
                continue;
            var first = line.Trim('|').Split('|')[0].Trim();
            if (FullRow().Match(first) is { Success: true } full)
                rows.Add($"{pasal}({full.Groups[1].Value}){full.Groups[2].Value}");
            else if (pasal == 59 && ayat is not null && LetterRow().IsMatch(first))
                rows.Add($"59({ayat}){first}");
        }
        return rows;
    }

    /// <summary>
    /// The labelled duties of the extraction ("- **AUTH-04** ..." with the indented lines under it), each with the seed
    /// files its text cites, in order.
    /// </summary>
    internal static Dictionary<string, List<string>> LabelledDuties(string[] lines)
    {
        var duties = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        string? current = null;
        var text = new System.Text.StringBuilder();
        void Close()
        {
            if (current is not null)
                duties[current] = SeedFile().Matches(text.ToString()).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal).ToList();
            current = null;
            text.Clear();
        }
        foreach (var line in lines)
        {
            if (DutyLabel().Match(line) is { Success: true } label)
            {
                Close();
                current = label.Groups[1].Value;
                text.AppendLine(line);
            }
            else if (current is not null && line.StartsWith("  ", StringComparison.Ordinal))
                text.AppendLine(line);
            else
                Close();
        }
        Close();
        return duties;
    }

    /// <summary>"Class.Method" of every [Fact] and [Theory] in the test sources (test classes are public; helpers nested in them are not).</summary>
    internal static HashSet<string> TestNames(string testsDirectory)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(testsDirectory, "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                              && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var source = File.ReadAllText(file);
            var classes = ClassDeclaration().Matches(source);
            foreach (Match test in TestMethod().Matches(source))
            {
                var owner = classes.LastOrDefault(c => c.Index < test.Index);
                if (owner is not null)
                    names.Add($"{owner.Groups[1].Value}.{test.Groups[1].Value}");
            }
        }
        return names;
    }

    [GeneratedRegex(@"^- \*\*([A-Z]+(?:-\d{3})?-\d+)\*\*")]
    private static partial Regex DutyLabel();

    [GeneratedRegex(@"00[0-4]_[0-9a-f]{16}\.txt")]
    private static partial Regex SeedFile();

    [GeneratedRegex(@"^\*\*Pasal 59 ayat \((\d+)\)")]
    private static partial Regex AyatHeading();

    [GeneratedRegex(@"^\((\d+)\)([a-z])\*?$")]
    private static partial Regex FullRow();

    [GeneratedRegex(@"^[a-z]$")]
    private static partial Regex LetterRow();

    [GeneratedRegex(@"\bpublic\s+(?:(?:sealed|static|partial|abstract)\s+)*class\s+(\w+)")]
    private static partial Regex ClassDeclaration();

    // Attributes after [Fact] may carry a line comment ("[UnsupportedOSPlatform("windows")] // why").
    [GeneratedRegex(@"\[(?:Fact|Theory)[^\]]*\](?:\s*(?:\[[^\]]*\]|//[^\n]*))*\s*public\s+(?:async\s+)?(?:Task|void|ValueTask)\s+(\w+)\s*\(")]
    private static partial Regex TestMethod();
}
