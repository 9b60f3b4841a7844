namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// A stricter per-minute limit for one operation of an API: <paramref name="Method"/> (or <c>*</c>) and a path
/// relative to the API's base path, <c>{name}</c> standing for one segment (for example <c>/penduduk/{nik}</c>).
/// </summary>
public sealed record OperationLimitInput(string Method, string PathTemplate, long RequestsPerMinute);
