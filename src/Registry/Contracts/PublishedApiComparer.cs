using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace SpbeConnector.Registry.Contracts;

/// <summary>
/// Compares two views of a routed API by value, every public property, lists element by element (records compare
/// lists by reference). It decides whether a write changed the routes and which APIs a reload must rebuild, so it reads
/// the properties by reflection: a property added to <see cref="PublishedApi"/> or to its settings is compared without
/// anyone remembering to add it here, and never makes a change go unnoticed.
/// </summary>
public sealed class PublishedApiComparer : IEqualityComparer<PublishedApi>
{
    public static readonly PublishedApiComparer Instance = new();

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public bool Equals(PublishedApi? x, PublishedApi? y) => Same(x, y);

    public int GetHashCode(PublishedApi api) => api.Id.GetHashCode();

    private static bool Same(object? x, object? y)
    {
        if (ReferenceEquals(x, y))
            return true;
        if (x is null || y is null || x.GetType() != y.GetType())
            return false;
        var type = x.GetType();
        if (x is string || type.IsPrimitive || type.IsEnum || type.IsValueType)
            return x.Equals(y);
        if (x is IEnumerable xs)
            return SameSequence(xs, (IEnumerable)y);
        foreach (var property in Properties.GetOrAdd(type, ReadableProperties))
        {
            if (!Same(property.GetValue(x), property.GetValue(y)))
                return false;
        }
        return true;
    }

    private static bool SameSequence(IEnumerable xs, IEnumerable ys)
    {
        var x = xs.GetEnumerator();
        var y = ys.GetEnumerator();
        while (true)
        {
            var more = x.MoveNext();
            if (more != y.MoveNext())
                return false;
            if (!more)
                return true;
            if (!Same(x.Current, y.Current))
                return false;
        }
    }

    private static PropertyInfo[] ReadableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .ToArray();
}
