namespace SpbeConnector.Portal.Onboarding;

/// <summary>
/// What changed between the approved revision of a document and the one under review, operation by operation: added,
/// removed, changed (anything in the operation or its path's shared parameters differs).
/// </summary>
public sealed record DocumentOperationDiff(
    int ApprovedRevision,
    IReadOnlyList<DocumentOperation> Added,
    IReadOnlyList<DocumentOperation> Removed,
    IReadOnlyList<DocumentOperation> Changed)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    public static DocumentOperationDiff Between(int approvedRevision, IReadOnlyList<DocumentOperation> approved, IReadOnlyList<DocumentOperation> current)
    {
        var before = approved.ToDictionary(o => o.Key, StringComparer.Ordinal);
        var after = current.ToDictionary(o => o.Key, StringComparer.Ordinal);
        return new DocumentOperationDiff(
            approvedRevision,
            current.Where(o => !before.ContainsKey(o.Key)).ToList(),
            approved.Where(o => !after.ContainsKey(o.Key)).ToList(),
            current.Where(o => before.TryGetValue(o.Key, out var old) && old.Fingerprint != o.Fingerprint).ToList());
    }
}
