namespace SpbeConnector.Audit.Records;

/// <summary>How an exchange ended, as its record says (the audit step writes it; the verifier and the security view read it).</summary>
public static class ExchangeOutcome
{
    /// <summary>The response was sent in full.</summary>
    public const string Completed = "completed";

    /// <summary>A policy answered instead of the upstream (the request was not forwarded).</summary>
    public const string Refused = "refused";

    /// <summary>The client went away before the response was sent in full.</summary>
    public const string ClientAborted = "client-aborted";

    /// <summary>The gateway failed while handling the exchange.</summary>
    public const string Failed = "failed";
}
