namespace SpbeConnector.Gateway.TrustedProxies;

internal static partial class TrustedProxiesLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Forwarding headers (X-Forwarded-For, X-Forwarded-Proto) are believed from {Networks} only; client certificates forwarded in {CertificateHeader}")]
    public static partial void Trusting(ILogger logger, TrustedProxyNetworks networks, string certificateHeader);
}
