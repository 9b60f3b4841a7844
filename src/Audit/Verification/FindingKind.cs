namespace SpbeConnector.Audit.Verification;

/// <summary>What the verifier found wrong with a log.</summary>
public enum FindingKind
{
    /// <summary>A record's content was changed after it was written.</summary>
    Modified,

    /// <summary>One or more records are missing from the sequence.</summary>
    Removed,

    /// <summary>A record that the log never wrote is in it.</summary>
    Inserted,

    /// <summary>Records are not in the order the log wrote them.</summary>
    Reordered,

    /// <summary>Records at the end, covered by a signed checkpoint, are gone.</summary>
    Truncated,

    /// <summary>A checkpoint's signature does not verify, or it was moved or replaced.</summary>
    CheckpointInvalid,

    /// <summary>A validly signed checkpoint does not match the records: something among them changed.</summary>
    CheckpointMismatch,

    /// <summary>A time-stamp token does not verify for its checkpoint.</summary>
    TimestampInvalid,

    /// <summary>The log cannot be read (missing tables, unreadable file, unknown format).</summary>
    Unreadable,

    /// <summary>A column the store indexes beside a record (type, client, API, status...) no longer says what the record says.</summary>
    ColumnAltered,
}
