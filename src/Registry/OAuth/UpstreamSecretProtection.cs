using Microsoft.AspNetCore.DataProtection;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// Encryption at rest of the gateway's client secrets at upstream token endpoints (Pasal 59 ayat (8) huruf b;
/// ayat (10) huruf e): Data Protection, with keys under the data directory.
/// </summary>
public static class UpstreamSecretProtection
{
    private const string Purpose = "SpbeConnector.UpstreamClientSecrets.v1";

    public static string Protect(IDataProtectionProvider protection, string secret) => protection.CreateProtector(Purpose).Protect(secret);

    public static string Unprotect(IDataProtectionProvider protection, string protectedSecret) => protection.CreateProtector(Purpose).Unprotect(protectedSecret);
}
