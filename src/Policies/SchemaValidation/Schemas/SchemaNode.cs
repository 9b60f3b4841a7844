using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SpbeConnector.Policies.SchemaValidation.Schemas;

/// <summary>
/// One compiled JSON Schema (OpenAPI 3.0 schema object or 3.1 JSON Schema 2020-12 subset): built once per document
/// revision by <see cref="SchemaCompiler"/>, then only read, by any number of requests at once. Validation walks
/// a parsed <see cref="JsonElement"/> without allocating unless it records an error.
/// </summary>
internal sealed partial class SchemaNode
{
    public static readonly SchemaNode AnyValue = new();

    /// <summary>The boolean schema <c>false</c>: nothing is valid.</summary>
    public bool Never { get; set; }

    public JsonTypes Types { get; set; } = JsonTypes.Any;
    public string TypeDescription { get; set; } = "";

    // Strings
    public int MinLength { get; set; }
    public int MaxLength { get; set; } = int.MaxValue;
    public Regex? Pattern { get; set; }
    public StringFormat Format { get; set; }
    /// <summary>A file (<c>format: binary</c>, or <c>contentMediaType</c> in 3.1): sent as a file part, not as text.</summary>
    public bool Binary { get; set; }

    // Numbers
    public double? Minimum { get; set; }
    public double? Maximum { get; set; }
    public bool ExclusiveMinimum { get; set; }
    public bool ExclusiveMaximum { get; set; }
    public decimal? MultipleOf { get; set; }
    /// <summary>int32 / int64 formats bound an integer's range.</summary>
    public long? FormatMinimum { get; set; }
    public long? FormatMaximum { get; set; }

    // Arrays
    public int MinItems { get; set; }
    public int MaxItems { get; set; } = int.MaxValue;
    public bool UniqueItems { get; set; }
    public SchemaNode? Items { get; set; }

    // Objects
    public SchemaProperty[] Properties { get; set; } = [];
    public ulong RequiredInRequests { get; set; }
    public ulong RequiredInResponses { get; set; }
    /// <summary>null: any additional property is allowed; <see cref="Never"/>: none is.</summary>
    public SchemaNode? AdditionalProperties { get; set; }
    public (Regex Pattern, SchemaNode Schema)[] PatternProperties { get; set; } = [];
    public int MinProperties { get; set; }
    public int MaxProperties { get; set; } = int.MaxValue;

    // Any type
    public JsonElement[]? Enum { get; set; }
    public byte[][]? StringEnum { get; set; }
    public SchemaNode[]? AllOf { get; set; }
    public SchemaNode[]? AnyOf { get; set; }
    public SchemaNode[]? OneOf { get; set; }
    public SchemaNode? Not { get; set; }
    public bool ReadOnly { get; set; }
    public bool WriteOnly { get; set; }

    /// <summary>When set, this node stands for another (a <c>$ref</c>), resolved after compilation.</summary>
    public SchemaNode? Target { get; set; }

    public bool Validate(JsonElement value, SchemaValidationContext context)
    {
        if (Target is not null)
            return Target.Validate(value, context);
        if (!context.Enter())
            return context.Fail("complexity", "the value is too complex to check against the API's document");
        try
        {
            return ValidateEntered(value, context);
        }
        finally
        {
            context.Leave();
        }
    }

    private bool ValidateEntered(JsonElement value, SchemaValidationContext context)
    {
        if (Never)
            return context.Fail("false", "no value is allowed here by the API's document");

        var kind = value.ValueKind;
        if (kind == JsonValueKind.Number && !(value.TryGetDouble(out var number) && double.IsFinite(number)))
            return context.Fail("numberRange", "the number is outside the range the gateway accepts");
        var actual = kind switch
        {
            JsonValueKind.String => JsonTypes.String,
            JsonValueKind.Number => IsInteger(value) ? JsonTypes.Integer | JsonTypes.Number : JsonTypes.Number,
            JsonValueKind.True or JsonValueKind.False => JsonTypes.Boolean,
            JsonValueKind.Null => JsonTypes.Null,
            JsonValueKind.Object => JsonTypes.Object,
            JsonValueKind.Array => JsonTypes.Array,
            _ => JsonTypes.None,
        };
        if ((Types & actual) == 0)
            return context.Fail("type", $"must be {TypeDescription}");

        var ok = kind switch
        {
            JsonValueKind.String => ValidateString(value, context),
            JsonValueKind.Number => ValidateNumber(value, context),
            JsonValueKind.Object => ValidateObject(value, context),
            JsonValueKind.Array => ValidateArray(value, context),
            _ => true,
        };
        if (!ok && !context.Collecting)
            return false;

        if (Enum is not null && !InEnum(value))
            ok = context.Fail("enum", "is not one of the values the API's document allows");
        return ValidateCombinators(new JsonValue(value), context) && ok;
    }

    /// <summary>A value the combinators try against their schemas: a parsed JSON value or a parameter's text.</summary>
    private interface ICheckable
    {
        bool CheckAgainst(SchemaNode schema, SchemaValidationContext context);
    }

    private readonly struct JsonValue(JsonElement value) : ICheckable
    {
        public bool CheckAgainst(SchemaNode schema, SchemaValidationContext context) => schema.Validate(value, context);
    }

    private bool ValidateCombinators<T>(T value, SchemaValidationContext context) where T : ICheckable, allows ref struct
    {
        var ok = true;
        if (AllOf is not null)
        {
            foreach (var schema in AllOf)
            {
                ok &= value.CheckAgainst(schema, context);
                if (!ok && !context.Collecting)
                    return false;
            }
        }
        if (AnyOf is null && OneOf is null && Not is null)
            return ok;
        var errors = context.Errors;
        context.Errors = null; // alternatives are tried quietly: only the verdict is reported
        try
        {
            if (AnyOf is not null)
            {
                var any = false;
                foreach (var schema in AnyOf)
                {
                    if (any = value.CheckAgainst(schema, context))
                        break;
                }
                if (!any)
                    ok = Restore(context, errors).Fail("anyOf", "matches none of the alternatives the API's document allows");
                context.Errors = null;
            }
            if (OneOf is not null)
            {
                var matches = 0;
                foreach (var schema in OneOf)
                {
                    if (value.CheckAgainst(schema, context) && ++matches > 1)
                        break;
                }
                if (matches != 1)
                    ok = Restore(context, errors).Fail("oneOf", matches == 0
                        ? "matches none of the alternatives the API's document allows"
                        : "matches more than one of the alternatives the API's document allows, where exactly one must match");
                context.Errors = null;
            }
            if (Not is not null && value.CheckAgainst(Not, context))
                ok = Restore(context, errors).Fail("not", "is a value the API's document excludes");
        }
        finally
        {
            context.Errors = errors;
        }
        return ok;
    }

    private static SchemaValidationContext Restore(SchemaValidationContext context, List<ValidationError>? errors)
    {
        context.Errors = errors;
        return context;
    }

    private static bool IsInteger(JsonElement value) =>
        value.TryGetInt64(out _) || (value.TryGetDouble(out var d) && Math.Floor(d) == d);

    private bool ValidateString(JsonElement value, SchemaValidationContext context)
    {
        if (MinLength == 0 && MaxLength == int.MaxValue && Pattern is null && Format == StringFormat.None)
            return true;
        var raw = JsonMarshal.GetRawUtf8Value(value);
        raw = raw[1..^1]; // without the quotes
        string? unescaped = raw.IndexOf((byte)'\\') >= 0 ? value.GetString() : null;
        var length = unescaped is null ? CountCodePoints(raw) : CountCodePoints(unescaped);

        var ok = true;
        if (length < MinLength)
            ok = context.Fail("minLength", $"must be at least {MinLength} characters long");
        else if (length > MaxLength)
            ok = context.Fail("maxLength", $"must be at most {MaxLength} characters long");
        if (!ok && !context.Collecting)
            return false;
        if (Pattern is null && Format == StringFormat.None)
            return ok;

        if (unescaped is not null)
            return CheckPatternAndFormat(unescaped, context) && ok;
        char[]? rented = null;
        Span<char> buffer = raw.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(raw.Length));
        try
        {
            return CheckPatternAndFormat(buffer[..Encoding.UTF8.GetChars(raw, buffer)], context) && ok;
        }
        finally
        {
            if (rented is not null)
                ArrayPool<char>.Shared.Return(rented, clearArray: true);
        }
    }

    /// <summary>The pattern and format checks of a string (shared with parameters, whose values arrive as text).</summary>
    private bool CheckPatternAndFormat(ReadOnlySpan<char> chars, SchemaValidationContext context)
    {
        var ok = true;
        if (Pattern is not null && !Pattern.IsMatch(chars))
            ok = context.Fail("pattern", "does not match the pattern the API's document gives");
        if (Format != StringFormat.None && !StringFormats.IsValid(Format, chars))
            ok = context.Fail("format", $"is not a valid {StringFormats.Name(Format)}");
        return ok;
    }

    private static int CountCodePoints(ReadOnlySpan<byte> utf8)
    {
        var count = 0;
        foreach (var b in utf8)
        {
            if ((b & 0xC0) != 0x80)
                count++;
        }
        return count;
    }

    private static int CountCodePoints(ReadOnlySpan<char> chars)
    {
        var count = chars.Length;
        foreach (var c in chars)
        {
            if (char.IsLowSurrogate(c))
                count--;
        }
        return count;
    }

    private bool ValidateNumber(JsonElement value, SchemaValidationContext context)
    {
        var ok = true;
        if ((Types & JsonTypes.Number) == 0)
        {
            // An integer-only schema: the value must fit a 64-bit integer (and int32 when the format says so).
            if (!value.TryGetInt64(out var integer) && !(value.TryGetDouble(out var whole) && whole >= long.MinValue && whole <= long.MaxValue))
                return context.Fail("numberRange", "the integer is outside the range of 64-bit integers");
            if (value.TryGetInt64(out integer) && (integer < FormatMinimum || integer > FormatMaximum))
                ok = context.Fail("format", "is outside the range of its integer format");
        }
        value.TryGetDouble(out var number);
        return CheckNumber(number, MultipleOf is null ? null : value.TryGetDecimal(out var d) ? d : null, context) && ok;
    }

    /// <summary>The range checks of a number (shared with parameters).</summary>
    private bool CheckNumber(double number, decimal? exact, SchemaValidationContext context)
    {
        var ok = true;
        if (Minimum is { } min && (ExclusiveMinimum ? number <= min : number < min))
            ok = context.Fail(ExclusiveMinimum ? "exclusiveMinimum" : "minimum", $"must be {(ExclusiveMinimum ? "greater than" : "at least")} {min}");
        if (Maximum is { } max && (ExclusiveMaximum ? number >= max : number > max))
            ok = context.Fail(ExclusiveMaximum ? "exclusiveMaximum" : "maximum", $"must be {(ExclusiveMaximum ? "less than" : "at most")} {max}");
        if (MultipleOf is { } step)
        {
            var multiple = exact is { } e ? e % step == 0 : Math.Abs(number / (double)step - Math.Round(number / (double)step)) < 1e-9;
            if (!multiple)
                ok = context.Fail("multipleOf", $"must be a multiple of {step}");
        }
        return ok;
    }

    private bool ValidateArray(JsonElement value, SchemaValidationContext context)
    {
        var ok = true;
        var length = value.GetArrayLength();
        if (length < MinItems)
            ok = context.Fail("minItems", $"must hold at least {MinItems} items");
        else if (length > MaxItems)
            ok = context.Fail("maxItems", $"must hold at most {MaxItems} items");
        if (!ok && !context.Collecting)
            return false;
        if (Items is not null)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                context.Push(index++);
                ok &= Items.Validate(item, context);
                context.Pop();
                if ((!ok && !context.Collecting) || context.Full)
                    return false;
            }
        }
        if (UniqueItems && !AllUnique(value))
            ok = context.Fail("uniqueItems", "must not hold the same item twice");
        return ok;
    }

    private static bool AllUnique(JsonElement array)
    {
        var length = array.GetArrayLength();
        if (length < 2)
            return true;
        // Bucket by a cheap hash of kind and scalar value, then compare deeply only within a bucket.
        var buckets = new Dictionary<int, List<JsonElement>>(length);
        foreach (var item in array.EnumerateArray())
        {
            var hash = item.ValueKind switch
            {
                JsonValueKind.String => HashCode.Combine(1, string.GetHashCode(item.GetString())),
                JsonValueKind.Number => HashCode.Combine(2, item.GetDouble()),
                JsonValueKind.Object => HashCode.Combine(3, item.EnumerateObject().Count()),
                JsonValueKind.Array => HashCode.Combine(4, item.GetArrayLength()),
                var k => (int)k,
            };
            if (!buckets.TryGetValue(hash, out var bucket))
                buckets[hash] = bucket = new List<JsonElement>(1);
            foreach (var other in bucket)
            {
                if (JsonElement.DeepEquals(item, other))
                    return false;
            }
            bucket.Add(item);
        }
        return true;
    }

    private bool ValidateObject(JsonElement value, SchemaValidationContext context)
    {
        var ok = true;
        ulong seen = 0;
        var count = 0;
        var direction = context.Direction;
        foreach (var property in value.EnumerateObject())
        {
            count++;
            var known = Find(property);
            if (known is not null)
            {
                seen |= known.RequiredBit;
                if (known.Schema is { } schema)
                {
                    if (direction == ValidationDirection.Request && schema.ReadOnlyResolved)
                        ok = context.FailAt(known.Name, "readOnly", "is set by the service and must not be sent");
                    else if (direction == ValidationDirection.Response && schema.WriteOnlyResolved)
                        ok = context.FailAt(known.Name, "writeOnly", "must not be returned");
                    else
                    {
                        context.Push(known.Name);
                        ok &= schema.Validate(property.Value, context);
                        context.Pop();
                    }
                }
                else
                {
                    ok &= ValidateAdditional(property, context);
                }
            }
            else
            {
                ok &= ValidateAdditional(property, context);
            }
            if ((!ok && !context.Collecting) || context.Full)
                return false;
        }

        var required = direction == ValidationDirection.Request ? RequiredInRequests : RequiredInResponses;
        if ((seen & required) != required)
        {
            foreach (var property in Properties)
            {
                if ((property.RequiredBit & required) != 0 && (seen & property.RequiredBit) == 0)
                    ok = context.FailAt(property.Name, "required", "is required");
            }
        }
        if (count < MinProperties)
            ok = context.Fail("minProperties", $"must hold at least {MinProperties} properties");
        else if (count > MaxProperties)
            ok = context.Fail("maxProperties", $"must hold at most {MaxProperties} properties");
        return ok;
    }

    /// <summary>
    /// A property the schema does not list by name. Its name is the client's, so the location says <c>*</c>
    /// rather than echo it.
    /// </summary>
    private bool ValidateAdditional(JsonProperty property, SchemaValidationContext context)
    {
        if (PatternProperties.Length > 0)
        {
            var name = property.Name;
            var matched = false;
            var ok = true;
            foreach (var (pattern, schema) in PatternProperties)
            {
                if (!pattern.IsMatch(name))
                    continue;
                matched = true;
                context.Push("*");
                ok &= schema.Validate(property.Value, context);
                context.Pop();
            }
            if (matched)
                return ok;
        }
        if (AdditionalProperties is null)
            return true;
        if (AdditionalProperties.Never)
            return context.Fail("additionalProperties", "holds a property the API's document does not define");
        context.Push("*");
        var valid = AdditionalProperties.Validate(property.Value, context);
        context.Pop();
        return valid;
    }

    private SchemaProperty? Find(JsonProperty property)
    {
        foreach (var candidate in Properties)
        {
            if (property.NameEquals(candidate.Utf8Name))
                return candidate;
        }
        return null;
    }

    private bool InEnum(JsonElement value)
    {
        if (StringEnum is not null && value.ValueKind == JsonValueKind.String)
        {
            foreach (var allowed in StringEnum)
            {
                if (value.ValueEquals(allowed))
                    return true;
            }
            return false;
        }
        foreach (var allowed in Enum!)
        {
            if (JsonElement.DeepEquals(value, allowed))
                return true;
        }
        return false;
    }

    /// <summary>readOnly / writeOnly seen through a <c>$ref</c>.</summary>
    private bool ReadOnlyResolved => Target?.ReadOnlyResolved ?? ReadOnly;

    private bool WriteOnlyResolved => Target?.WriteOnlyResolved ?? WriteOnly;
}
