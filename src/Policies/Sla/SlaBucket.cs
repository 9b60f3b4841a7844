namespace SpbeConnector.Policies.Sla;

/// <summary>The counts of one API in one minute (minutes since the Unix epoch, UTC), as stored.</summary>
public sealed record SlaBucket(string ApiPath, string OpdCode, long Minute, SlaCounts Counts);
