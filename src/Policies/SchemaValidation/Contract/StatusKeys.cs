namespace SpbeConnector.Policies.SchemaValidation.Contract;

/// <summary>The keys of OpenAPI's responses object for a status code, without allocating for the common codes.</summary>
internal static class StatusKeys
{
    private static readonly string[] Codes = Enumerable.Range(0, 600).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    private static readonly string[] Ranges = ["0XX", "1XX", "2XX", "3XX", "4XX", "5XX"];

    public static string Code(int status) => status is >= 0 and < 600 ? Codes[status] : status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Range(int status) => status is >= 100 and < 600 ? Ranges[status / 100] : "";
}
