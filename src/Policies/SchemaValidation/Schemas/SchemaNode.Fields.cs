namespace SpbeConnector.Policies.SchemaValidation.Schemas;

/// <summary>Validation of the fields of a form or multipart body against an object schema.</summary>
internal sealed partial class SchemaNode
{
    /// <summary>
    /// Checks the fields against this object schema: each text field against its property's schema (read as text,
    /// like a parameter; a repeated field is an array), file parts only where the document has a binary property,
    /// unknown fields by <c>additionalProperties</c>, and the required properties.
    /// </summary>
    public bool ValidateFields(IReadOnlyList<FormField> fields, SchemaValidationContext context)
    {
        if (Target is not null)
            return Target.ValidateFields(fields, context);
        var ok = true;
        ulong seen = 0;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            var known = FindField(field.Name);
            if (known is null)
            {
                if (AdditionalProperties is { Never: true })
                    ok = context.Fail("additionalProperties", "holds a field the API's document does not define");
                else if (AdditionalProperties is { } additional && !field.IsFile)
                {
                    context.Push("*");
                    ok &= additional.ValidateParameter(field.Text, context);
                    context.Pop();
                }
                continue;
            }
            seen |= known.RequiredBit;
            var index = counts[known.Name] = counts.GetValueOrDefault(known.Name) + 1;
            var schema = Resolve(known.Schema ?? AnyValue);
            var item = schema.Types == JsonTypes.Array ? Resolve(schema.Items ?? AnyValue) : schema;
            if (schema.Types != JsonTypes.Array && index > 1)
                ok = context.FailAt(known.Name, "single", "must be given once");
            else if (field.IsFile != item.Binary)
                ok = context.FailAt(known.Name, "type", field.IsFile ? "must be a text field, not a file" : "must be a file part");
            else if (!field.IsFile)
            {
                context.Push(known.Name);
                ok &= item.ValidateParameter(field.Text, context);
                context.Pop();
            }
            if (!ok && !context.Collecting)
                return false;
        }
        foreach (var property in Properties)
        {
            if ((property.RequiredBit & RequiredInRequests) != 0 && (seen & property.RequiredBit) == 0)
                ok = context.FailAt(property.Name, "required", "is required");
            var schema = property.Schema is null ? null : Resolve(property.Schema);
            if (schema is { Types: JsonTypes.Array } && counts.TryGetValue(property.Name, out var count) && (count < schema.MinItems || count > schema.MaxItems))
                ok = context.FailAt(property.Name, count < schema.MinItems ? "minItems" : "maxItems",
                    $"must be given between {schema.MinItems} and {schema.MaxItems} times");
        }
        return ok;
    }

    private SchemaProperty? FindField(string name)
    {
        foreach (var property in Properties)
        {
            if (property.Name == name)
                return property;
        }
        return null;
    }

    private static SchemaNode Resolve(SchemaNode node) => node.Target is { } target ? Resolve(target) : node;
}
