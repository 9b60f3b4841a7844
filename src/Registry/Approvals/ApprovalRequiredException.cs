namespace SpbeConnector.Registry.Approvals;

/// <summary>
/// A step that needs a decision of the approval workflow that has not been made: answered 409 with a problem naming the
/// missing decision (<paramref name="MissingStage"/>) and who is expected to make it.
/// </summary>
public sealed class ApprovalRequiredException(string title, string detail, string? missingStage) : Exception(detail)
{
    public string Title { get; } = title;
    public string? MissingStage { get; } = missingStage;
}
