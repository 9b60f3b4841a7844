namespace SpbeConnector.Audit.Logging;

/// <summary>
/// What appending a record gives back: its sequence number (its leaf index, known at once) and a task that completes
/// when the group it was written with is durable. <see cref="MustWait"/> is set when the queue is over its limit, so
/// that even in async mode the caller waits (back-pressure instead of unbounded memory).
/// </summary>
public readonly record struct AppendTicket(long Seq, Task Durable, bool MustWait);
