using Microsoft.AspNetCore.Http;

namespace SpbeConnector.Policies.SchemaValidation;

/// <summary>Why a request is refused: the status to answer, a short reason for the exchange record, and the details.</summary>
internal sealed record ValidationRefusal(int Status, string Reason)
{
    /// <summary>For 405: the methods the document defines on the path.</summary>
    public string? Allow { get; init; }

    public IReadOnlyList<ValidationError>? Errors { get; init; }

    public static ValidationRefusal Invalid(string reason, IReadOnlyList<ValidationError> errors) =>
        new(StatusCodes.Status400BadRequest, reason) { Errors = errors };

    public static ValidationRefusal Invalid(string reason, string location, string rule, string detail) =>
        Invalid(reason, [new ValidationError(location, rule, detail)]);
}
