using System.Collections.Frozen;

namespace SpbeConnector.Policies.SchemaValidation.Contract;

/// <summary>A documented path: its template and the operations (methods) documented on it.</summary>
internal sealed class PathContract(string template, PathSegment[] segments, FrozenDictionary<string, OperationContract> operations)
{
    public string Template { get; } = template;
    public PathSegment[] Segments { get; } = segments;
    public FrozenDictionary<string, OperationContract> Operations { get; } = operations;

    /// <summary>The <c>Allow</c> header of a 405 answer: the documented methods, uppercase.</summary>
    public string Allow { get; } = string.Join(", ", operations.Keys.Order(StringComparer.Ordinal));

    public bool Matches(ReadOnlySpan<char> path, ReadOnlySpan<Range> segments)
    {
        for (var i = 0; i < Segments.Length; i++)
        {
            if (!Segments[i].Matches(path[segments[i]]))
                return false;
        }
        return true;
    }

    /// <summary>Compares by specificity, segment by segment, so that the first template that matches is the one OpenAPI means.</summary>
    public static int CompareSpecificity(PathContract a, PathContract b)
    {
        for (var i = 0; i < a.Segments.Length; i++)
        {
            var order = a.Segments[i].Rank.CompareTo(b.Segments[i].Rank);
            if (order != 0)
                return order;
        }
        return string.CompareOrdinal(a.Template, b.Template);
    }
}
