using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;

namespace SpbeConnector.Portal.Rendering;

/// <summary>
/// Builds markup from an interpolated string: literal parts are kept, every value is HTML-encoded unless it is
/// already an <see cref="HtmlFragment"/> (or a sequence of them).
/// </summary>
[InterpolatedStringHandler]
public struct HtmlInterpolation
{
    private readonly StringBuilder _text;

    public HtmlInterpolation(int literalLength, int formattedCount)
    {
        _text = new StringBuilder(literalLength + formattedCount * 24);
    }

    public void AppendLiteral(string literal) => _text.Append(literal);

    public void AppendFormatted(HtmlFragment fragment) => _text.Append(fragment.Value);

    public void AppendFormatted(string? value) => _text.Append(HtmlEncoder.Default.Encode(value ?? ""));

    public void AppendFormatted<T>(T value)
    {
        switch (value)
        {
            case HtmlFragment fragment:
                _text.Append(fragment.Value);
                break;
            case IEnumerable<HtmlFragment> fragments:
                foreach (var f in fragments)
                    _text.Append(f.Value);
                break;
            case IFormattable formattable:
                AppendFormatted(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                AppendFormatted(value?.ToString());
                break;
        }
    }

    internal readonly string Build() => _text.ToString();
}
