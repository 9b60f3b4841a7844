namespace SpbeConnector.Audit.Records;

/// <summary>The <c>type</c> of each kind of record in the audit log.</summary>
public static class AuditRecordTypes
{
    /// <summary>A proxied request, durable before it is forwarded (strict mode).</summary>
    public const string ExchangeRequest = "exchange.request";

    /// <summary>The end of a forwarded exchange: status, response digest, durations; points to its request record.</summary>
    public const string ExchangeResponse = "exchange.response";

    /// <summary>An exchange that was not forwarded (refused by a policy, or failed before forwarding): one complete record.</summary>
    public const string Exchange = "exchange";

    /// <summary>What a batched receipt proves is in the log: status, digest, request id, the exchange's record (ReceiptStatement).</summary>
    public const string ExchangeReceipt = "exchange.receipt";

    public const string GatewayStart = "gateway.start";
    public const string GatewayStop = "gateway.stop";

    /// <summary>A public key of the log (checkpoint or receipt signing) first used.</summary>
    public const string Key = "audit.key";

    /// <summary>Someone read the audit log through the audit API.</summary>
    public const string AuditRead = "audit.read";
}
