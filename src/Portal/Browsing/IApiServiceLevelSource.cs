namespace SpbeConnector.Portal.Browsing;

/// <summary>
/// The measured service level of a routed API, for the catalog's API page (Kota Bekasi Pasal 60 ayat (3) huruf m:
/// availability per API). The measurement belongs to the gateway's data-plane policies, which the registry does not
/// reference: the gateway provides the real source; without it (registry-only hosts) nothing is measured.
/// </summary>
public interface IApiServiceLevelSource
{
    /// <summary>Whether this host measures service levels at all; when not, the catalog says so instead of "no traffic".</summary>
    bool Measures { get; }

    /// <summary>
    /// The availability of the API at <paramref name="apiPath"/> (<c>opd/slug/version</c>) over <paramref name="window"/>
    /// (<c>1d</c> or <c>30d</c>, the windows of the admin API's SLA report), or null when nobody called it in that window.
    /// </summary>
    Task<MeasuredAvailability?> FindAsync(string apiPath, string window, CancellationToken ct);
}
