using SpbeConnector.Registry.Contracts.Compliance;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Registry.Compliance.Checks;

/// <summary>
/// Authorization on every call (Pasal 59 ayat (6) huruf a, ayat (15) huruf c; Pasal 60 ayat (3) huruf d, f): holds
/// for the APIs that need a token. An API marked public is reached without one, by the administrator's decision; the
/// reviewer must see which.
/// </summary>
public sealed class PublicApisCheck(IPublishedApiSource apis) : IComplianceCheck
{
    public string Name => "public-apis";

    public async Task<ComplianceFinding> EvaluateAsync(CancellationToken cancellationToken)
    {
        var published = (await apis.LoadAsync(cancellationToken)).Apis;
        // A public mark stored on an Exempt or Secret API before the registry refused it is not honoured by the gateway.
        var open = ComplianceText.Names(published.Where(a => a.IsPublic && !Catalog.RegistryRules.NeverPublic(a.Classification)));
        if (open.Count == 0)
            return ComplianceFinding.Met($"Every published API ({published.Count}) needs a token of a client with an approved subscription.",
                $"Setiap API yang diterbitkan ({published.Count}) memerlukan token dari klien dengan langganan yang disetujui.");
        return ComplianceFinding.Partial(
            $"{open.Count} of {published.Count} published APIs are public and answer without a token: {ComplianceText.List(open)}.",
            $"{open.Count} dari {published.Count} API yang diterbitkan bersifat publik dan menjawab tanpa token: {ComplianceText.ListId(open)}.");
    }
}
