namespace SpbeConnector.Audit.Api;

public static class AuditApiDefaults
{
    public const string Prefix = "/audit/v1";
    public const string Policy = "Auditor";
    public const string DocumentName = "audit";
}
