using System.Runtime.CompilerServices;
using System.Text;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Policies.SchemaValidation.Schemas;

/// <summary>
/// The state of one validation: the place being checked (a stack of documented property names and array indexes,
/// rendered as a JSON pointer only when an error is recorded), the errors so far, and guards against schemas
/// that would recurse or cost without bound. Reused per thread: a validation is synchronous.
/// </summary>
internal sealed class SchemaValidationContext
{
    public const int MaxErrors = 20;
    private const int MaxRecursion = 1000;
    private const int MaxEvaluations = 2_000_000;

    [ThreadStatic]
    private static SchemaValidationContext? _cached;

    private PathPart[] _path = new PathPart[32];
    private int _depth;
    private int _recursion;
    private int _evaluations;
    private string _root = "";

    /// <summary>Where errors go; null while an alternative of anyOf / oneOf / not is tried (only its verdict counts).</summary>
    public List<ValidationError>? Errors { get; set; }

    public ValidationDirection Direction { get; private set; }

    public bool Collecting => Errors is not null;

    public bool Full => Errors is { Count: >= MaxErrors };

    /// <summary>The context of this thread, reset for a validation rooted at <paramref name="root"/> (for example <c>/body</c>).</summary>
    public static SchemaValidationContext Rent(string root, ValidationDirection direction, List<ValidationError>? errors)
    {
        var context = _cached ?? new SchemaValidationContext();
        _cached = null;
        context._root = root;
        context.Direction = direction;
        context.Errors = errors;
        context._depth = 0;
        context._recursion = 0;
        context._evaluations = 0;
        return context;
    }

    public static void Return(SchemaValidationContext context)
    {
        context.Errors = null;
        _cached = context;
    }

    public void Push(string documentedName)
    {
        Grow();
        _path[_depth++] = new PathPart(documentedName, -1);
    }

    public void Push(int index)
    {
        Grow();
        _path[_depth++] = new PathPart(null, index);
    }

    public void Pop() => _depth--;

    /// <summary>Enters a schema; false when the schema recursion or the total work exceeds its bound.</summary>
    public bool Enter()
    {
        // The stack itself is checked every 16 levels: cheap enough, and well before a deep schema could exhaust it.
        if (++_recursion > MaxRecursion || ++_evaluations > MaxEvaluations || (_recursion % 16 == 0 && !RuntimeHelpers.TryEnsureSufficientExecutionStack()))
        {
            _recursion--;
            return false;
        }
        return true;
    }

    public void Leave() => _recursion--;

    /// <summary>Records an error at the current place (when collecting) and returns false, so checks read <c>ok = Fail(...)</c>.</summary>
    public bool Fail(string rule, string detail)
    {
        if (Errors is not null && !Full)
            Errors.Add(new ValidationError(Pointer(), rule, detail));
        return false;
    }

    /// <summary>Records an error at a documented property of the current place.</summary>
    public bool FailAt(string documentedName, string rule, string detail)
    {
        Push(documentedName);
        Fail(rule, detail);
        Pop();
        return false;
    }

    private string Pointer()
    {
        var pointer = new StringBuilder(_root);
        for (var i = 0; i < _depth; i++)
        {
            pointer.Append('/');
            if (_path[i].Name is { } name)
                pointer.Append(JsonPointer.Escape(name));
            else
                pointer.Append(_path[i].Index);
        }
        return pointer.ToString();
    }

    private void Grow()
    {
        if (_depth == _path.Length)
            Array.Resize(ref _path, _path.Length * 2);
    }

    private readonly record struct PathPart(string? Name, int Index);
}
