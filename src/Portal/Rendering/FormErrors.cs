using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Messages;
using System.Text.RegularExpressions;

namespace SpbeConnector.Portal.Rendering;

/// <summary>
/// Problems with a submitted form, by field (text keys or texts already in the user's language), shown next to the
/// fields they concern. <see cref="Fields"/>, when known, are the form's inputs: a problem of one of them is shown only
/// beside it, every other problem at the top of the form.
/// </summary>
public sealed partial class FormErrors : Dictionary<string, string[]>
{
    public FormErrors()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }

    public FormErrors(IDictionary<string, string[]> errors)
        : base(errors, StringComparer.OrdinalIgnoreCase)
    {
    }

    public static FormErrors None { get; } = new();

    /// <summary>The names of the form's inputs; null when the form did not say (then every problem is also at the top).</summary>
    public IReadOnlySet<string>? Fields { get; private init; }

    /// <summary>An index in a registry field path (<c>upstreamUrls[0]</c>): the form has one input for the list.</summary>
    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();

    /// <summary>
    /// The problems of a refused registry request in the user's language, each under the form input it concerns: the
    /// field path without its indexes (<c>upstreamUrls[0]</c> is the <c>upstreamUrls</c> input), renamed where the
    /// form names the input otherwise (<paramref name="inputs"/>: registry field to input name).
    /// </summary>
    public static FormErrors Of(IEnumerable<RegistryProblem> problems, PortalText text, IEnumerable<string> fields, IReadOnlyDictionary<string, string>? inputs = null)
    {
        var errors = new FormErrors { Fields = fields.ToHashSet(StringComparer.OrdinalIgnoreCase) };
        foreach (var problem in problems)
        {
            var field = Index().Replace(problem.Field, "");
            errors.With(inputs is not null && inputs.TryGetValue(field, out var input) ? input : field, text.Problem(problem));
        }
        return errors;
    }

    /// <summary>The problems in the user's language by field, for a form that does not list its inputs.</summary>
    public static FormErrors Of(RegistryValidationException refused, PortalText text) =>
        new(text.ByField(refused.Problems.Select(p => p with { Field = Index().Replace(p.Field, "") })).ToDictionary());

    public static FormErrors Of(RegistryValidationException refused, PortalText text, IEnumerable<string> fields, IReadOnlyDictionary<string, string>? inputs = null) =>
        Of(refused.Problems, text, fields, inputs);

    /// <summary>A conflict in the user's language, beside <paramref name="field"/>.</summary>
    public static FormErrors Of(RegistryConflictException conflict, PortalText text, string field, IEnumerable<string> fields) =>
        Of([conflict.Problem with { Field = field }], text, fields);

    /// <summary>Whether the problems of <paramref name="field"/> are shown beside an input of the form.</summary>
    public bool IsBeside(string field) => Fields is not null && Fields.Contains(field);

    public FormErrors With(string field, string problem)
    {
        this[field] = TryGetValue(field, out var existing) ? [.. existing, problem] : [problem];
        return this;
    }
}
