using System.Text;

namespace SpbeConnector.Audit.Receipts;

/// <summary>
/// Builds the signature base of RFC 9421 section 2.5: one line per covered component,
/// <c>"identifier";params: value</c>, then <c>"@signature-params": …</c> with no final newline. The same code serves
/// the gateway's receipts, request-signature checks and the offline receipt verifier.
/// </summary>
public sealed class SignatureBase
{
    private readonly StringBuilder _text = new(512);
    private readonly List<string> _identifiers = new(8);

    /// <summary>Adds a component. <paramref name="identifier"/> is serialised as in the inner list, e.g. <c>"@method";req</c>.</summary>
    public SignatureBase Add(string identifier, string value)
    {
        if (value.Contains('\n') || value.Contains('\r'))
            throw new FormatException($"The value of {identifier} contains a line break and cannot be signed.");
        _identifiers.Add(identifier);
        _text.Append(identifier).Append(": ").Append(value).Append('\n');
        return this;
    }

    /// <summary>The inner list of covered components, e.g. <c>("@status" "content-digest")</c>.</summary>
    public string ComponentList => "(" + string.Join(' ', _identifiers) + ")";

    /// <summary>The signature base, ending with the <c>@signature-params</c> line whose value is <paramref name="signatureParams"/>.</summary>
    public string Build(string signatureParams) =>
        new StringBuilder(_text.Length + 32 + signatureParams.Length).Append(_text).Append("\"@signature-params\": ").Append(signatureParams).ToString();
}
