namespace SpbeConnector.Registry.Approvals;

/// <summary>
/// A decision on the stage an approval request waits in: approve or reject (a rejection says why), the document revision
/// the reviewer read (refused if it changed since), and for an external stage the authority's letter.
/// </summary>
public sealed record ApprovalDecisionInput(bool Approve, string? Notes = null, int? ReviewedRevision = null, ExternalDecisionLetter? Letter = null);
