using System.Globalization;
using System.Text.Json;

namespace SpbeConnector.Policies.SchemaValidation.Schemas;

/// <summary>Validation of a value that arrives as text (a path, query, header or cookie parameter).</summary>
internal sealed partial class SchemaNode
{
    private const NumberStyles NumberText = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    private readonly ref struct TextValue(ReadOnlySpan<char> text) : ICheckable
    {
        private readonly ReadOnlySpan<char> _text = text;

        public bool CheckAgainst(SchemaNode schema, SchemaValidationContext context) => schema.ValidateTextValue(_text, context);
    }

    /// <summary>
    /// Checks a parameter's text against this schema: read as a number when the schema allows numbers and the text
    /// is one, as a boolean when it allows booleans and the text is <c>true</c> or <c>false</c>, else as a string.
    /// </summary>
    public bool ValidateParameter(ReadOnlySpan<char> text, SchemaValidationContext context) => ValidateTextValue(text, context);

    private bool ValidateTextValue(ReadOnlySpan<char> text, SchemaValidationContext context)
    {
        if (Target is not null)
            return Target.ValidateTextValue(text, context);
        if (!context.Enter())
            return context.Fail("complexity", "the value is too complex to check against the API's document");
        try
        {
            if (Never)
                return context.Fail("false", "no value is allowed here by the API's document");
            var ok = true;
            if ((Types & (JsonTypes.Integer | JsonTypes.Number)) != 0
                && double.TryParse(text, NumberText, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                var integer = Math.Floor(number) == number;
                if ((Types & JsonTypes.Number) == 0)
                {
                    if (!integer)
                        return context.Fail("type", $"must be {TypeDescription}");
                    if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                        return context.Fail("numberRange", "the integer is outside the range of 64-bit integers");
                    if (whole < FormatMinimum || whole > FormatMaximum)
                        ok = context.Fail("format", "is outside the range of its integer format");
                }
                ok &= CheckNumber(number, MultipleOf is null ? null : decimal.TryParse(text, NumberText, CultureInfo.InvariantCulture, out var exact) ? exact : null, context);
                if (Enum is not null && !EnumHasNumber(number))
                    ok = context.Fail("enum", "is not one of the values the API's document allows");
            }
            else if ((Types & JsonTypes.Boolean) != 0 && text is "true" or "false")
            {
                if (Enum is not null && !EnumHasKind(text is "true" ? JsonValueKind.True : JsonValueKind.False))
                    ok = context.Fail("enum", "is not one of the values the API's document allows");
            }
            else if ((Types & JsonTypes.String) != 0)
            {
                var length = CountCodePoints(text);
                if (length < MinLength)
                    ok = context.Fail("minLength", $"must be at least {MinLength} characters long");
                else if (length > MaxLength)
                    ok = context.Fail("maxLength", $"must be at most {MaxLength} characters long");
                ok &= CheckPatternAndFormat(text, context);
                if (Enum is not null && !EnumHasString(text))
                    ok = context.Fail("enum", "is not one of the values the API's document allows");
            }
            else
            {
                return context.Fail("type", $"must be {TypeDescription}");
            }
            if (!ok && !context.Collecting)
                return false;
            return ValidateCombinators(new TextValue(text), context) && ok;
        }
        finally
        {
            context.Leave();
        }
    }

    private bool EnumHasNumber(double number)
    {
        foreach (var allowed in Enum!)
        {
            if (allowed.ValueKind == JsonValueKind.Number && allowed.GetDouble() == number)
                return true;
        }
        return false;
    }

    private bool EnumHasKind(JsonValueKind kind)
    {
        foreach (var allowed in Enum!)
        {
            if (allowed.ValueKind == kind)
                return true;
        }
        return false;
    }

    private bool EnumHasString(ReadOnlySpan<char> text)
    {
        foreach (var allowed in Enum!)
        {
            if (allowed.ValueKind == JsonValueKind.String && allowed.ValueEquals(text))
                return true;
        }
        return false;
    }
}
