using System.Globalization;

namespace SpbeConnector.Gateway.Demo;

/// <summary>
/// Synthetic population data for the demo API, derived from the NIK itself (region, date of birth and sex are
/// encoded in a real NIK's digits), so every lookup is consistent and no real person's data is ever involved.
/// </summary>
public static class SyntheticResidents
{
    public static readonly (string Kode, string Nama)[] Kecamatan =
    [
        ("327501", "Bekasi Timur"), ("327502", "Bekasi Barat"), ("327503", "Bekasi Utara"), ("327504", "Bekasi Selatan"),
        ("327505", "Rawalumbu"), ("327506", "Medan Satria"), ("327507", "Bantargebang"), ("327508", "Pondok Gede"),
        ("327509", "Jatiasih"), ("327510", "Jatisampurna"), ("327511", "Mustika Jaya"), ("327512", "Pondok Melati"),
    ];

    private static readonly string[] GivenMale = ["Budi", "Agus", "Dedi", "Eko", "Hendra", "Joko", "Rudi", "Yusuf"];
    private static readonly string[] GivenFemale = ["Siti", "Dewi", "Rina", "Lestari", "Ayu", "Wulan", "Fitri", "Maya"];
    private static readonly string[] Family = ["Santoso", "Wijaya", "Saputra", "Hidayat", "Kusuma", "Nugroho", "Pratama", "Lubis"];

    public sealed record Resident(string Nik, string Nama, string TanggalLahir, string JenisKelamin, Address Alamat);

    public sealed record Address(string Jalan, string Rt, string Rw, string Kelurahan, string Kecamatan);

    /// <summary>The resident a NIK of Kota Bekasi (3275..) encodes, or null when the NIK encodes no valid person.</summary>
    public static Resident? Find(string nik)
    {
        if (nik.Length != 16 || !nik.All(char.IsAsciiDigit) || !nik.StartsWith("3275", StringComparison.Ordinal))
            return null;
        var district = Kecamatan.FirstOrDefault(k => k.Kode == nik[..6]);
        if (district.Nama is null)
            return null;
        var day = int.Parse(nik.AsSpan(6, 2), CultureInfo.InvariantCulture);
        var female = day > 40;
        if (female)
            day -= 40;
        var month = int.Parse(nik.AsSpan(8, 2), CultureInfo.InvariantCulture);
        var year = int.Parse(nik.AsSpan(10, 2), CultureInfo.InvariantCulture);
        year += year > 30 ? 1900 : 2000;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return null;
        var seq = int.Parse(nik.AsSpan(12, 4), CultureInfo.InvariantCulture);
        var given = female ? GivenFemale[seq % GivenFemale.Length] : GivenMale[seq % GivenMale.Length];
        var name = $"{given} {Family[(seq / 8) % Family.Length]}";
        return new Resident(nik, name, new DateOnly(year, month, day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            female ? "PEREMPUAN" : "LAKI-LAKI",
            new Address($"Jl. Melati No. {seq % 120 + 1}", $"{seq % 12 + 1:000}", $"{seq % 9 + 1:000}", $"Kelurahan {district.Nama}", district.Nama));
    }
}
