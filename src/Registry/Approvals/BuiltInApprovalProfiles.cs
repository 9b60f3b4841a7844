using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Approvals;

/// <summary>
/// The five regulations' approval profiles (regulations-en.md, sections 2, 15 and 16 item 2): one combined local decision
/// (Batu Bara, Bogor), two local decisions by different units (Kota Bekasi), two external decisions the region records
/// with their letters (Kabupaten Bekasi, Timor Tengah Selatan).
/// </summary>
public static class BuiltInApprovalProfiles
{
    /// <summary>The default: Kota Bekasi's two local stages, whose control catalogue is the product's default policy pack.</summary>
    public const string Default = KotaBekasi;

    public const string KotaBekasi = "kota-bekasi";
    public const string BatuBara = "batu-bara";
    public const string Bogor = "bogor";
    public const string KabupatenBekasi = "kabupaten-bekasi";
    public const string TimorTengahSelatan = "timor-tengah-selatan";

    public const string Kominfo = "Kementerian Komunikasi dan Informatika";
    public const string Bssn = "Badan Siber dan Sandi Negara";

    public static IReadOnlyList<ApprovalProfile> All { get; } =
    [
        new(KotaBekasi, "Kota Bekasi", "Kota Bekasi Pasal 22 ayat (3) huruf c-d",
        [
            new("operasional", "Pertimbangan kelaikan operasi (Dinas Komunikasi dan Informatika)", ApprovalStageKind.Operational, [PortalRole.OperationalReviewer]),
            new("keamanan", "Pertimbangan kelaikan keamanan (Kepala Bidang Persandian dan Keamanan Siber)", ApprovalStageKind.Security, [PortalRole.SecurityReviewer]),
        ], PortalRole.ApiPublisher),
        new(BatuBara, "Kabupaten Batu Bara", "Batu Bara Pasal 25 ayat (4) huruf c; Pasal 14 ayat (11)",
        [
            new("kelaikan", "Pertimbangan kelaikan operasi dan keamanan (Diskominfo)", ApprovalStageKind.Combined, [PortalRole.OperationalReviewer, PortalRole.SecurityReviewer]),
        ], PortalRole.DataOwner),
        new(Bogor, "Kota Bogor", "Bogor Pasal 23 ayat (4) huruf c; Pasal 16 ayat (2)",
        [
            new("kelaikan", "Pertimbangan kelaikan operasi dan keamanan (Dinas)", ApprovalStageKind.Combined, [PortalRole.OperationalReviewer, PortalRole.SecurityReviewer]),
        ], PortalRole.DataOwner),
        new(KabupatenBekasi, "Kabupaten Bekasi", "Kabupaten Bekasi Pasal 15 ayat (2) huruf c-d",
        [
            new("operasional", "Pertimbangan kelaikan operasi dari Kementerian Komunikasi dan Informatika", ApprovalStageKind.Operational, [PortalRole.OperationalReviewer], Kominfo),
            new("keamanan", "Pertimbangan kelaikan keamanan dari Badan Siber dan Sandi Negara", ApprovalStageKind.Security, [PortalRole.SecurityReviewer], Bssn),
        ], PortalRole.ApiPublisher),
        new(TimorTengahSelatan, "Kabupaten Timor Tengah Selatan", "Timor Tengah Selatan Pasal 15 ayat (2)",
        [
            new("operasional", "Pertimbangan kelaikan operasi dari Menteri Komunikasi dan Informatika", ApprovalStageKind.Operational, [PortalRole.OperationalReviewer], Kominfo),
            new("keamanan", "Pertimbangan kelaikan keamanan dari Badan Siber dan Sandi Negara", ApprovalStageKind.Security, [PortalRole.SecurityReviewer], Bssn),
        ], PortalRole.ApiPublisher),
    ];
}
