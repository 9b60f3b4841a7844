namespace SpbeConnector.TestSupport;

/// <summary>The sample OPD API documents of the tests (tests/TestSupport/Samples), read from the test's output directory.</summary>
public static class SampleApis
{
    /// <summary>
    /// Layanan Perizinan Bangunan of DPMPTSP (OpenAPI 3.0, YAML): nested objects, arrays, enumerations, formats
    /// (date, date-time, email, uuid), a 16-digit NIK, oneOf with a discriminator, allOf, a multipart upload and a
    /// PDF body.
    /// </summary>
    public static string Perizinan => Read("dpmptsp-perizinan-v1.yaml");

    public static string Read(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", file));
}
