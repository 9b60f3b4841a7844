using System.Collections.Frozen;

namespace SpbeConnector.Policies.SchemaValidation.Contract;

/// <summary>
/// One revision of an API's OpenAPI document, compiled: the documented paths, grouped by their number of segments
/// and ordered by specificity, each with its operations, parameters and schemas. Built once per revision by
/// <see cref="ApiContractCompiler"/> and shared by every request (it is never changed after it is built).
/// </summary>
internal sealed class ApiContract
{
    public const int MaxSegments = 64;

    /// <summary>The size of the segment buffer <see cref="Match"/> needs.</summary>
    public const int SegmentBufferLength = MaxSegments + 1;

    private readonly FrozenDictionary<int, PathContract[]> _bySegmentCount;

    public ApiContract(Guid apiId, int revision, string sha256, IEnumerable<PathContract> paths)
    {
        ApiId = apiId;
        Revision = revision;
        Sha256 = sha256;
        _bySegmentCount = paths
            .GroupBy(p => p.Segments.Length)
            .ToFrozenDictionary(g => g.Key, g => g.Order(Comparer<PathContract>.Create(PathContract.CompareSpecificity)).ToArray());
    }

    public Guid ApiId { get; }
    public int Revision { get; }
    public string Sha256 { get; }

    /// <summary>The documented operation for a method on a path (given as for <see cref="Match"/>); null when undocumented.</summary>
    public OperationContract? FindOperation(ReadOnlySpan<char> rest, string method)
    {
        Span<Range> segments = stackalloc Range[SegmentBufferLength];
        return Match(rest, segments, out _) is { } path && path.Operations.TryGetValue(method, out var operation) ? operation : null;
    }

    /// <summary>
    /// The documented path that the request path matches, given relative to the API's prefix without its leading
    /// '/' (<c>permohonan/42</c>), and the ranges of its segments; null when the document has no such path.
    /// </summary>
    public PathContract? Match(ReadOnlySpan<char> rest, Span<Range> segments, out int count)
    {
        // The buffer holds one range more than a template may have segments, so a longer path shows as too long.
        count = rest.Split(segments, '/');
        if (count > MaxSegments)
            return null;
        if (!_bySegmentCount.TryGetValue(count, out var candidates))
            return null;
        foreach (var candidate in candidates)
        {
            if (candidate.Matches(rest, segments[..count]))
                return candidate;
        }
        return null;
    }
}
