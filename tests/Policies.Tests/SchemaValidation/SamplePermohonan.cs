using System.Text.Json.Nodes;

namespace SpbeConnector.Policies.Tests.SchemaValidation;

/// <summary>Valid bodies of the sample API's operations, and a way to break one field at a time.</summary>
internal static class SamplePermohonan
{
    public const string Valid = """
        {
          "pemohon": {
            "nik": "3275010101900001",
            "nama": "Siti Rahayu",
            "email": "siti.rahayu@example.go.id",
            "telepon": "+6281234567890",
            "tanggalLahir": "1990-01-01",
            "alamat": { "jalan": "Jl. Ahmad Yani No. 1", "rt": "001", "rw": "002", "kodePos": "17141", "kecamatan": "Bekasi Selatan" }
          },
          "bangunan": { "fungsi": "HUNIAN", "luasLantai": 120.5, "jumlahLantai": 2, "koordinat": { "lintang": -6.2383, "bujur": 106.9756 } },
          "pihakTerkait": [ { "nik": "3275010101900002", "peran": "ARSITEK" } ],
          "rujukan": [ "5b0e7a52-3f4e-4f6a-9a51-0c8c1d2e3f40" ],
          "catatan": null,
          "diajukanPada": "2026-11-22T08:30:00+07:00"
        }
        """;

    /// <summary>The valid body with the value at <paramref name="path"/> (dot-separated; numbers index arrays) replaced, or removed when <paramref name="json"/> is null.</summary>
    public static string With(string path, string? json)
    {
        var root = JsonNode.Parse(Valid)!;
        var parts = path.Split('.');
        var parent = parts[..^1].Aggregate(root, (node, part) => int.TryParse(part, out var i) ? node[i]! : node[part]!);
        var last = parts[^1];
        var value = json is null ? null : JsonNode.Parse(json);
        if (parent is JsonArray array)
            array[int.Parse(last)] = value;
        else if (json is null)
            parent.AsObject().Remove(last);
        else
            parent[last] = value;
        return root.ToJsonString();
    }
}
