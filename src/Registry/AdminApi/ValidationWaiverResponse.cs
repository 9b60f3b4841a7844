namespace SpbeConnector.Registry.AdminApi;

/// <summary>The validation waiver recorded on an API: why, until when, since when, and whether it is still in force.</summary>
public sealed record ValidationWaiverResponse(string Reason, DateTimeOffset ExpiresAt, DateTimeOffset? RecordedAt, bool Expired);
