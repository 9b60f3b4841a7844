namespace SpbeConnector.Registry.Approvals;

/// <summary>
/// A decision or act refused because of who asks: not holding the stage's role, deciding on their own submission, or
/// deciding a second stage of the same request (four eyes). Answered 403 with a problem saying which rule refused it.
/// </summary>
public sealed class ApprovalRefusedException(string rule, string detail) : Exception(detail)
{
    /// <summary>The rule: <c>four-eyes</c>, <c>role</c>, <c>opd</c>.</summary>
    public string Rule { get; } = rule;
}
