using SpbeConnector.Registry.Contracts.Compliance;
using System.Text;

namespace SpbeConnector.Registry.Compliance;

/// <summary>
/// docs/compliance.md, written from the mapping and nothing else, so that the document and the report cannot disagree
/// (a test compares them). It says how each item is judged; the live status is the report's.
/// </summary>
public static class ComplianceDocument
{
    public static string Write(ComplianceMapping mapping)
    {
        var md = new StringBuilder();
        md.AppendLine("# Compliance mapping: Pasal 59 and 60, and the duties of the other regulations");
        md.AppendLine();
        md.AppendLine("<!-- Generated from src/Registry/Compliance/compliance-map.json; do not edit. Regenerate with SPBE_UPDATE_DOCS=1 and the test ComplianceDocumentTests. -->");
        md.AppendLine();
        md.AppendLine($"Each lettered item of Pasal 59 and 60 of {mapping.Regulation} ({mapping.RegulationId}), with the control that");
        md.AppendLine("implements it, the settings that govern it, the tests that fail without it, and how an installation is judged:");
        md.AppendLine("a **check** asked at report time (the status then depends on the installation), a **summary** of the items of the");
        md.AppendLine("ayat that details a function, or a **fixed** assessment with its reason. See the live status of an installation with");
        md.AppendLine("`compliance report --format text|json|html`, `GET /admin/v1/compliance` or the portal page `/portal/kepatuhan`.");
        md.AppendLine("The report also names the commit of the build and the SHA-256 of its CycloneDX SBOM (made by `scripts/sbom.sh`,");
        md.AppendLine("served at `GET /admin/v1/sbom`); without an SBOM the items that rely on it say so. Each reason is given in Bahasa");
        md.AppendLine("Indonesia and in English (below in English); the report lists every API with its dossier in brief (PSE registration");
        md.AppendLine("number, Level Risiko SPBE, Aplikasi Umum or Khusus), and a written report is signed with the audit key (see");
        md.AppendLine("docs/compliance-evidence.md, \"Verifying a signed report\").");
        md.AppendLine();
        var fixedCounts = mapping.Items.Where(i => i.Check is null && i.Covers.Count == 0).GroupBy(i => i.Status)
            .OrderBy(g => g.Key).Select(g => $"{g.Count()} {Name(g.Key)}");
        md.AppendLine($"{mapping.Items.Count} items: {mapping.Items.Count(i => i.Check is not null)} judged by a check, " +
                      $"{mapping.Items.Count(i => i.Covers.Count > 0)} summaries, fixed: {string.Join(", ", fixedCounts)}.");
        md.AppendLine();
        foreach (var pasal in mapping.Items.GroupBy(i => i.Pasal))
        {
            md.AppendLine($"## Pasal {pasal.Key}");
            md.AppendLine();
            foreach (var item in pasal)
            {
                md.AppendLine($"### {item.Citation}");
                md.AppendLine();
                md.AppendLine($"- **Teks:** {item.TextId}");
                md.AppendLine($"- **Text:** {item.TextEn}");
                md.AppendLine($"- **Control:** {item.Control}");
                if (item.Settings.Count > 0)
                    md.AppendLine($"- **Settings:** {string.Join(", ", item.Settings.Select(s => $"`{s}`"))}");
                if (item.Tests.Count > 0)
                    md.AppendLine($"- **Tests:** {string.Join(", ", item.Tests.Select(t => $"`{t}`"))}");
                if (item.Check is not null)
                    md.AppendLine($"- **Judged by:** the check `{item.Check}`" + (item.Status == ComplianceStatus.Met ? "" : $", at best {Name(item.Status)}: {item.Reason}"));
                else if (item.Covers.Count > 0)
                    md.AppendLine($"- **Judged by:** summary of {string.Join(", ", item.Covers)}");
                else
                    md.AppendLine($"- **Judged:** {Name(item.Status)}: {item.Reason}");
                md.AppendLine();
            }
        }
        WriteDuties(md, mapping);
        return md.ToString();
    }

    private static void WriteDuties(StringBuilder md, ComplianceMapping mapping)
    {
        md.AppendLine("## The duties of the other regulations");
        md.AppendLine();
        md.AppendLine("Every duty of the requirements extraction that Kabupaten Bekasi (000), Batu Bara (001), Kota Bogor (002) or Timor");
        md.AppendLine("Tengah Selatan (004) states, with the instruments and articles it cites (a duty the Kota Bekasi regulation shares");
        md.AppendLine("cites 003 too), and two duties of 003 outside Pasal 59-60 that the per-API dossier answers (REG-04, REG-07).");
        var fixedCounts = mapping.Duties.Where(d => d.Check is null).GroupBy(d => d.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Name(g.Key)}");
        md.AppendLine($"{mapping.Duties.Count} duties: {mapping.Duties.Count(d => d.Check is not null)} judged by a check, fixed: {string.Join(", ", fixedCounts)}.");
        md.AppendLine();
        md.AppendLine("Instruments:");
        md.AppendLine();
        foreach (var (file, title) in mapping.Instruments.OrderBy(i => i.Key, StringComparer.Ordinal))
            md.AppendLine($"- `{file}`: {title}");
        md.AppendLine();
        foreach (var duty in mapping.Duties)
        {
            md.AppendLine($"### {duty.Id}");
            md.AppendLine();
            md.AppendLine($"- **Citation:** {duty.Citation}");
            md.AppendLine($"- **Teks:** {duty.TextId}");
            md.AppendLine($"- **Text:** {duty.TextEn}");
            md.AppendLine($"- **Control:** {duty.Control}");
            if (duty.Settings.Count > 0)
                md.AppendLine($"- **Settings:** {string.Join(", ", duty.Settings.Select(s => $"`{s}`"))}");
            if (duty.Tests.Count > 0)
                md.AppendLine($"- **Tests:** {string.Join(", ", duty.Tests.Select(t => $"`{t}`"))}");
            if (duty.Check is not null)
                md.AppendLine($"- **Judged by:** the check `{duty.Check}`" + (duty.Status == ComplianceStatus.Met ? "" : $", at best {Name(duty.Status)}: {duty.Reason}"));
            else
                md.AppendLine($"- **Judged:** {Name(duty.Status)}: {duty.Reason}");
            md.AppendLine();
        }
    }

    private static string Name(ComplianceStatus status) => status switch
    {
        ComplianceStatus.Met => "met",
        ComplianceStatus.Partial => "partial",
        ComplianceStatus.NotMet => "not met",
        _ => "not applicable",
    };
}
