using System.Text;
using System.Text.Json;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Policies.SchemaValidation.Schemas;

/// <summary>
/// Compiles the schemas of one OpenAPI document into <see cref="SchemaNode"/>s. Supports the keywords OpenAPI 3.0
/// defines and the JSON Schema 2020-12 keywords OpenAPI 3.1 documents commonly use; a keyword that would change
/// what is valid but that the gateway cannot check is a problem, so that a document is never enforced less
/// strictly than it reads. Each <c>$ref</c> is compiled once and shared, which also makes recursive schemas work.
/// </summary>
internal sealed class SchemaCompiler(JsonElement root, bool openApi31, List<string> problems)
{
    /// <summary>Keywords that only describe (or that the gateway handles elsewhere); they do not change validity.</summary>
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "title", "description", "default", "example", "examples", "deprecated", "externalDocs", "xml", "discriminator",
        "$comment", "$schema", "$id", "$anchor", "$defs", "definitions", "contentEncoding", "contentMediaType",
        "nullable", "readOnly", "writeOnly",
    };

    /// <summary>Keywords that change validity but that this validator does not implement.</summary>
    private static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal)
    {
        "if", "then", "else", "dependentSchemas", "dependentRequired", "dependencies", "unevaluatedProperties",
        "unevaluatedItems", "contains", "minContains", "maxContains", "propertyNames", "prefixItems", "$dynamicRef",
        "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor", "contentSchema",
    };

    private static readonly HashSet<string> Handled = new(StringComparer.Ordinal)
    {
        "type", "enum", "const", "format", "minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum",
        "exclusiveMaximum", "multipleOf", "items", "minItems", "maxItems", "uniqueItems", "properties", "required",
        "additionalProperties", "patternProperties", "minProperties", "maxProperties", "allOf", "anyOf", "oneOf", "not", "$ref",
    };

    private readonly Dictionary<string, SchemaNode> _references = new(StringComparer.Ordinal);
    public SchemaNode Compile(JsonElement schema, string at) => Compile(schema, at, 0);

    private SchemaNode Compile(JsonElement schema, string at, int depth)
    {
        if (depth > 64)
        {
            Problem(at, "schemas nest deeper than 64 levels");
            return SchemaNode.AnyValue;
        }
        switch (schema.ValueKind)
        {
            case JsonValueKind.True when openApi31:
                return SchemaNode.AnyValue;
            case JsonValueKind.False when openApi31:
                return new SchemaNode { Never = true };
            case JsonValueKind.Object:
                break;
            default:
                Problem(at, "a schema must be an object");
                return SchemaNode.AnyValue;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            var target = Reference(reference, at + "/$ref");
            // In OpenAPI 3.0 the siblings of $ref are ignored; in 3.1 they apply together with the target.
            if (!openApi31 || !schema.EnumerateObject().Any(p => p.Name != "$ref" && Handled.Contains(p.Name)))
                return target;
            var siblings = new SchemaNode();
            Fill(siblings, schema, at, depth);
            return new SchemaNode { AllOf = [target, siblings], TypeDescription = "any value" };
        }
        var node = new SchemaNode();
        Fill(node, schema, at, depth);
        return node;
    }

    private SchemaNode Reference(JsonElement reference, string at)
    {
        if (reference.ValueKind != JsonValueKind.String || JsonPointer.Resolve(root, reference.GetString()!) is not { } resolved)
        {
            Problem(at, "the reference points at nothing in the document");
            return SchemaNode.AnyValue;
        }
        var key = reference.GetString()!;
        if (_references.TryGetValue(key, out var known))
            return known;
        // Registered before compiling, so that a schema referring to itself gets this same node.
        var alias = new SchemaNode();
        _references[key] = alias;
        alias.Target = Compile(resolved, key[1..], 1);
        // A chain of references that comes back to itself without a schema in between describes nothing.
        var hop = alias.Target;
        for (var hops = 0; hop is not null && hops < 1000; hops++, hop = hop.Target)
        {
            if (hop == alias)
            {
                Problem(at, "the reference leads back to itself without any schema in between");
                alias.Target = SchemaNode.AnyValue;
                break;
            }
        }
        return alias;
    }

    private void Fill(SchemaNode node, JsonElement schema, string at, int depth)
    {
        foreach (var keyword in schema.EnumerateObject())
        {
            if (Unsupported.Contains(keyword.Name))
                Problem($"{at}/{JsonPointer.Escape(keyword.Name)}", $"the keyword '{keyword.Name}' is not supported by the gateway's validator; express the rule with the keywords of OpenAPI 3.0");
            else if (!Handled.Contains(keyword.Name) && !Annotations.Contains(keyword.Name) && !keyword.Name.StartsWith("x-", StringComparison.Ordinal))
                Problem($"{at}/{JsonPointer.Escape(keyword.Name)}", $"'{keyword.Name}' is not a schema keyword the gateway knows");
        }

        node.Types = Types(schema, at);
        if (Bool(schema, "nullable", at) && node.Types != JsonTypes.Any)
            node.Types |= JsonTypes.Null;
        node.TypeDescription = Describe(node.Types);
        node.ReadOnly = Bool(schema, "readOnly", at);
        node.WriteOnly = Bool(schema, "writeOnly", at);

        // Strings
        node.MinLength = NonNegative(schema, "minLength", at) ?? 0;
        node.MaxLength = NonNegative(schema, "maxLength", at) ?? int.MaxValue;
        if (schema.TryGetProperty("pattern", out var pattern))
        {
            if (pattern.ValueKind != JsonValueKind.String)
                Problem(at + "/pattern", "must be a string");
            else if (SchemaPattern.Problem(pattern.GetString()!) is { } problem)
                Problem(at + "/pattern", problem);
            else
                node.Pattern = SchemaPattern.Compile(pattern.GetString()!);
        }
        var format = schema.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        node.Format = StringFormats.Parse(format);
        node.Binary = format == "binary" || schema.TryGetProperty("contentMediaType", out _);
        (node.FormatMinimum, node.FormatMaximum) = format switch
        {
            "int32" => ((long?)int.MinValue, (long?)int.MaxValue),
            "int64" => (long.MinValue, long.MaxValue),
            _ => (null, null),
        };

        // Numbers
        node.Minimum = Number(schema, "minimum", at);
        node.Maximum = Number(schema, "maximum", at);
        ExclusiveBound(schema, "exclusiveMinimum", at, node, minimum: true);
        ExclusiveBound(schema, "exclusiveMaximum", at, node, minimum: false);
        if (schema.TryGetProperty("multipleOf", out var multipleOf))
        {
            if (multipleOf.ValueKind == JsonValueKind.Number && multipleOf.TryGetDecimal(out var step) && step > 0)
                node.MultipleOf = step;
            else
                Problem(at + "/multipleOf", "must be a number greater than 0");
        }

        // Arrays
        node.MinItems = NonNegative(schema, "minItems", at) ?? 0;
        node.MaxItems = NonNegative(schema, "maxItems", at) ?? int.MaxValue;
        node.UniqueItems = Bool(schema, "uniqueItems", at);
        if (schema.TryGetProperty("items", out var items))
        {
            if (items.ValueKind == JsonValueKind.Array)
                Problem(at + "/items", "tuple validation (items as an array) is not supported; give items one schema");
            else
                node.Items = Compile(items, at + "/items", depth + 1);
        }

        // Objects
        CompileProperties(node, schema, at, depth);
        node.MinProperties = NonNegative(schema, "minProperties", at) ?? 0;
        node.MaxProperties = NonNegative(schema, "maxProperties", at) ?? int.MaxValue;

        // Any type
        if (schema.TryGetProperty("enum", out var enumeration))
        {
            if (enumeration.ValueKind != JsonValueKind.Array || enumeration.GetArrayLength() == 0)
                Problem(at + "/enum", "must be a non-empty array");
            else
                SetEnum(node, enumeration.EnumerateArray());
        }
        if (schema.TryGetProperty("const", out var constant))
            SetEnum(node, [constant]);
        node.AllOf = Combination(schema, "allOf", at, depth);
        node.AnyOf = Combination(schema, "anyOf", at, depth);
        node.OneOf = Combination(schema, "oneOf", at, depth);
        if (schema.TryGetProperty("not", out var not))
            node.Not = Compile(not, at + "/not", depth + 1);
    }

    private void CompileProperties(SchemaNode node, JsonElement schema, string at, int depth)
    {
        var properties = new List<SchemaProperty>();
        if (schema.TryGetProperty("properties", out var listed))
        {
            if (listed.ValueKind != JsonValueKind.Object)
                Problem(at + "/properties", "must be an object");
            else
            {
                foreach (var property in listed.EnumerateObject())
                    properties.Add(new SchemaProperty(property.Name, Compile(property.Value, $"{at}/properties/{JsonPointer.Escape(property.Name)}", depth + 1)));
            }
        }
        if (schema.TryGetProperty("required", out var required))
        {
            if (required.ValueKind != JsonValueKind.Array || required.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String))
                Problem(at + "/required", "must be an array of property names");
            else
            {
                var bit = 0;
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Distinct(StringComparer.Ordinal))
                {
                    if (bit == 64)
                    {
                        Problem(at + "/required", "more than 64 required properties in one object are not supported");
                        break;
                    }
                    var property = properties.Find(p => p.Name == name);
                    if (property is null)
                        properties.Add(property = new SchemaProperty(name, null));
                    property.RequiredBit = 1UL << bit++;
                    if (property.Schema is not { } s || !Resolved(s).ReadOnly)
                        node.RequiredInRequests |= property.RequiredBit;
                    if (property.Schema is not { } w || !Resolved(w).WriteOnly)
                        node.RequiredInResponses |= property.RequiredBit;
                }
            }
        }
        node.Properties = properties.ToArray();

        if (schema.TryGetProperty("additionalProperties", out var additional))
        {
            node.AdditionalProperties = additional.ValueKind switch
            {
                JsonValueKind.False => new SchemaNode { Never = true },
                JsonValueKind.True => null,
                _ => Compile(additional, at + "/additionalProperties", depth + 1),
            };
        }
        if (schema.TryGetProperty("patternProperties", out var patterned))
        {
            var list = new List<(System.Text.RegularExpressions.Regex, SchemaNode)>();
            foreach (var property in patterned.EnumerateObject())
            {
                var propertyAt = $"{at}/patternProperties/{JsonPointer.Escape(property.Name)}";
                if (SchemaPattern.Problem(property.Name) is { } problem)
                    Problem(propertyAt, problem);
                else
                    list.Add((SchemaPattern.Compile(property.Name), Compile(property.Value, propertyAt, depth + 1)));
            }
            node.PatternProperties = list.ToArray();
        }
    }

    /// <summary>A referenced schema may not be compiled yet (recursion); its own node then carries no flags.</summary>
    private static SchemaNode Resolved(SchemaNode node) => node.Target is { } target ? Resolved(target) : node;

    private void SetEnum(SchemaNode node, IEnumerable<JsonElement> values)
    {
        // Copies that outlive the document being compiled (which is disposed once compiled).
        node.Enum = values.Select(v => v.Clone()).ToArray();
        if (node.Enum.All(v => v.ValueKind == JsonValueKind.String))
            node.StringEnum = node.Enum.Select(v => Encoding.UTF8.GetBytes(v.GetString()!)).ToArray();
    }

    private SchemaNode[]? Combination(JsonElement schema, string keyword, string at, int depth)
    {
        if (!schema.TryGetProperty(keyword, out var list))
            return null;
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            Problem($"{at}/{keyword}", "must be a non-empty array of schemas");
            return null;
        }
        return list.EnumerateArray().Select((s, i) => Compile(s, $"{at}/{keyword}/{i}", depth + 1)).ToArray();
    }

    private JsonTypes Types(JsonElement schema, string at)
    {
        if (!schema.TryGetProperty("type", out var type))
            return JsonTypes.Any;
        if (type.ValueKind == JsonValueKind.String)
            return Type(type.GetString()!, at);
        if (type.ValueKind == JsonValueKind.Array && openApi31 && type.GetArrayLength() > 0)
            return type.EnumerateArray().Aggregate(JsonTypes.None, (all, t) => all | (t.ValueKind == JsonValueKind.String ? Type(t.GetString()!, at) : Bad()));
        Problem(at + "/type", openApi31 ? "must be a type name or a non-empty array of them" : "must be a type name (type arrays need OpenAPI 3.1)");
        return JsonTypes.Any;

        JsonTypes Bad()
        {
            Problem(at + "/type", "must list type names");
            return JsonTypes.None;
        }
    }

    private JsonTypes Type(string name, string at)
    {
        switch (name)
        {
            case "string": return JsonTypes.String;
            case "integer": return JsonTypes.Integer;
            case "number": return JsonTypes.Number | JsonTypes.Integer;
            case "boolean": return JsonTypes.Boolean;
            case "object": return JsonTypes.Object;
            case "array": return JsonTypes.Array;
            case "null" when openApi31: return JsonTypes.Null;
            default:
                Problem(at + "/type", $"'{name}' is not a type of {(openApi31 ? "JSON Schema" : "OpenAPI 3.0")}");
                return JsonTypes.None;
        }
    }

    internal static string Describe(JsonTypes types)
    {
        if (types == JsonTypes.Any)
            return "any value";
        var names = new List<string>(4);
        if ((types & JsonTypes.Object) != 0) names.Add("an object");
        if ((types & JsonTypes.Array) != 0) names.Add("an array");
        if ((types & JsonTypes.String) != 0) names.Add("a string");
        if ((types & JsonTypes.Number) != 0) names.Add("a number");
        else if ((types & JsonTypes.Integer) != 0) names.Add("an integer");
        if ((types & JsonTypes.Boolean) != 0) names.Add("a boolean");
        if ((types & JsonTypes.Null) != 0) names.Add("null");
        return string.Join(" or ", names);
    }

    private void ExclusiveBound(JsonElement schema, string keyword, string at, SchemaNode node, bool minimum)
    {
        if (!schema.TryGetProperty(keyword, out var bound))
            return;
        switch (bound.ValueKind)
        {
            case JsonValueKind.True or JsonValueKind.False:
                // OpenAPI 3.0: a flag on minimum / maximum.
                if (minimum) node.ExclusiveMinimum = bound.ValueKind == JsonValueKind.True;
                else node.ExclusiveMaximum = bound.ValueKind == JsonValueKind.True;
                break;
            case JsonValueKind.Number when openApi31:
                // JSON Schema 2020-12: the bound itself; the stricter of it and minimum / maximum applies.
                var value = bound.GetDouble();
                if (minimum && (node.Minimum is null || value >= node.Minimum))
                    (node.Minimum, node.ExclusiveMinimum) = (value, true);
                else if (!minimum && (node.Maximum is null || value <= node.Maximum))
                    (node.Maximum, node.ExclusiveMaximum) = (value, true);
                break;
            default:
                Problem($"{at}/{keyword}", openApi31 ? "must be a number" : "must be a boolean (numeric bounds need OpenAPI 3.1)");
                break;
        }
    }

    private bool Bool(JsonElement schema, string keyword, string at)
    {
        if (!schema.TryGetProperty(keyword, out var value))
            return false;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return value.ValueKind == JsonValueKind.True;
        Problem($"{at}/{keyword}", "must be true or false");
        return false;
    }

    private int? NonNegative(JsonElement schema, string keyword, string at)
    {
        if (!schema.TryGetProperty(keyword, out var value))
            return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n >= 0)
            return (int)Math.Min(n, int.MaxValue);
        Problem($"{at}/{keyword}", "must be an integer of 0 or more");
        return null;
    }

    private double? Number(JsonElement schema, string keyword, string at)
    {
        if (!schema.TryGetProperty(keyword, out var value))
            return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && double.IsFinite(d))
            return d;
        Problem($"{at}/{keyword}", "must be a number");
        return null;
    }

    private void Problem(string at, string what)
    {
        if (problems.Count < 100)
            problems.Add($"{at}: {what}");
    }
}
