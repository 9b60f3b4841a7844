namespace SpbeConnector.Policies.SchemaValidation;

/// <summary>The verdict on a held-back response and the body held back (empty when it was streamed through).</summary>
internal sealed record ResponseCheck(bool Checked, IReadOnlyList<ValidationError>? Errors, ResponseCapture Capture)
{
    public bool IsValid => Errors is null;

    /// <summary>The headers the gateway had set before forwarding (request id, HSTS), kept when the response is withheld.</summary>
    public KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>[] GatewayHeaders { get; init; } = [];

    /// <summary>Whether the body is still held back and must be written to the client if the response passes.</summary>
    public bool HeldBack => !Capture.Overflowed;

    public static ResponseCheck Valid(ResponseCapture capture) => new(true, null, capture);

    public static ResponseCheck Invalid(ResponseCapture capture, IReadOnlyList<ValidationError> errors) => new(true, errors, capture);

    public static ResponseCheck NotChecked(ResponseCapture capture) => new(false, null, capture);
}
