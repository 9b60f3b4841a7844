namespace SpbeConnector.Audit.Receipts;

/// <summary>What a client's <c>Content-Digest</c> says about the content the gateway received.</summary>
public enum ContentDigestCheck
{
    /// <summary>The client sent none.</summary>
    Absent,
    /// <summary>Every member with an algorithm the gateway checks matches the content.</summary>
    Matches,
    /// <summary>A member describes other content.</summary>
    Mismatch,
    /// <summary>The field is not a dictionary of byte sequences.</summary>
    Malformed,
    /// <summary>Well-formed, with an algorithm the gateway checks, against content not seen whole yet.</summary>
    Unchecked,
    /// <summary>Only algorithms the gateway does not check (deprecated ones such as md5, or unknown ones).</summary>
    Unsupported,
}
