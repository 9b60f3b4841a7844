using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using SpbeConnector.Policies.SchemaValidation.Contract;
using SpbeConnector.Policies.SchemaValidation.Schemas;

namespace SpbeConnector.Policies.SchemaValidation;

/// <summary>
/// Checks the path, query, header and cookie parameters of a request against its operation (Pasal 60 ayat (5)
/// huruf e: the receiver validates incoming parameters): presence, type, format, enumeration, pattern, length and
/// range; with strict query checking, a query parameter the document does not define is refused too.
/// </summary>
internal static class ParameterValidator
{
    /// <summary>True when every parameter is valid. With <paramref name="errors"/> null it stops at the first problem.</summary>
    public static bool Validate(OperationContract operation, PathContract path, HttpRequest request, ReadOnlySpan<char> requestPath,
        ReadOnlySpan<Range> segments, bool strictQuery, List<ValidationError>? errors)
    {
        var ok = true;
        var variable = 0;
        for (var i = 0; i < path.Segments.Length && variable < operation.PathParameters.Length; i++)
        {
            if (path.Segments[i].IsLiteral)
                continue;
            var parameter = operation.PathParameters[variable++];
            ok &= ValidatePathValue(parameter, requestPath[path.Segments[i].ValueOf(segments[i])], errors);
            if (!ok && errors is null)
                return false;
        }
        if (operation.QueryParameters.Length > 0 || request.QueryString.HasValue)
        {
            var query = request.Query;
            foreach (var parameter in operation.QueryParameters)
            {
                ok &= ValidateValues(parameter, query.TryGetValue(parameter.Name, out var values) ? values : StringValues.Empty, errors);
                if (!ok && errors is null)
                    return false;
            }
            if (strictQuery && query.Count > 0 && HasUndocumented(query, operation.QueryParameters))
            {
                // The parameter's name is the client's: it is not echoed.
                errors?.Add(new ValidationError("/query", "unknownParameter", "holds a parameter the API's document does not define for this operation"));
                ok = false;
            }
        }
        foreach (var parameter in operation.HeaderParameters)
        {
            ok &= ValidateValues(parameter, request.Headers.TryGetValue(parameter.Name, out var values) ? values : StringValues.Empty, errors);
            if (!ok && errors is null)
                return false;
        }
        foreach (var parameter in operation.CookieParameters)
        {
            ok &= ValidateValues(parameter, request.Cookies.TryGetValue(parameter.Name, out var value) ? new StringValues(value) : StringValues.Empty, errors);
            if (!ok && errors is null)
                return false;
        }
        return ok;
    }

    private static bool HasUndocumented(IQueryCollection query, ParameterContract[] documented)
    {
        foreach (var key in query.Keys)
        {
            var known = false;
            foreach (var parameter in documented)
            {
                if (string.Equals(parameter.Name, key, StringComparison.Ordinal))
                {
                    known = true;
                    break;
                }
            }
            if (!known)
                return true;
        }
        return false;
    }

    /// <summary>
    /// A path variable must be one plain segment: after the server decoded the path, a slash, backslash, percent
    /// sign (an encoded slash or a second level of encoding), control character, or a dot segment means an attempt
    /// to reach another resource than the one named (path traversal), whatever the schema says.
    /// </summary>
    private static bool ValidatePathValue(ParameterContract parameter, ReadOnlySpan<char> value, List<ValidationError>? errors)
    {
        if (value is "." or ".." || value.IndexOfAny("/\\%") >= 0 || value.ContainsAnyInRange('\0', '\x1f') || value.Contains('\x7f'))
        {
            errors?.Add(new ValidationError(parameter.Pointer, "pathSegment", "must be a single path segment without separators, encoded characters or dot segments"));
            return false;
        }
        return Check(parameter, parameter.Schema, value, errors);
    }

    private static bool ValidateValues(ParameterContract parameter, StringValues values, List<ValidationError>? errors)
    {
        if (values.Count == 0)
        {
            if (!parameter.Required)
                return true;
            errors?.Add(new ValidationError(parameter.Pointer, "required", "is required"));
            return false;
        }
        if (!parameter.IsArray)
        {
            if (values.Count > 1)
            {
                errors?.Add(new ValidationError(parameter.Pointer, "single", "must be given once"));
                return false;
            }
            return Check(parameter, parameter.Schema, values[0], errors);
        }
        if (!parameter.Explode && values.Count > 1)
        {
            errors?.Add(new ValidationError(parameter.Pointer, "single", $"must be given once, its items joined by '{parameter.Separator}'"));
            return false;
        }
        return ValidateArray(parameter, values, errors);
    }

    private static bool ValidateArray(ParameterContract parameter, StringValues values, List<ValidationError>? errors)
    {
        var schema = parameter.Schema;
        while (schema.Target is { } target)
            schema = target;
        var items = schema.Items ?? SchemaNode.AnyValue;
        var ok = true;
        var count = 0;
        var context = SchemaValidationContext.Rent(parameter.Pointer, ValidationDirection.Request, errors);
        try
        {
            foreach (var value in values)
            {
                var text = (value ?? "").AsSpan();
                if (parameter.Explode)
                {
                    ok &= Item(items, text, context, ref count);
                }
                else
                {
                    foreach (var range in text.Split(parameter.Separator))
                    {
                        ok &= Item(items, text[range], context, ref count);
                        if (!ok && errors is null)
                            return false;
                    }
                }
                if (!ok && errors is null)
                    return false;
            }
            if (count < schema.MinItems)
                ok = context.Fail("minItems", $"must hold at least {schema.MinItems} items");
            else if (count > schema.MaxItems)
                ok = context.Fail("maxItems", $"must hold at most {schema.MaxItems} items");
            return ok;
        }
        finally
        {
            SchemaValidationContext.Return(context);
        }
    }

    private static bool Item(SchemaNode items, ReadOnlySpan<char> text, SchemaValidationContext context, ref int count)
    {
        context.Push(count++);
        var ok = items.ValidateParameter(text, context);
        context.Pop();
        return ok;
    }

    private static bool Check(ParameterContract parameter, SchemaNode schema, ReadOnlySpan<char> value, List<ValidationError>? errors)
    {
        var context = SchemaValidationContext.Rent(parameter.Pointer, ValidationDirection.Request, errors);
        try
        {
            return schema.ValidateParameter(value, context);
        }
        finally
        {
            SchemaValidationContext.Return(context);
        }
    }
}
