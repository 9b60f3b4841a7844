using Microsoft.Extensions.Options;

namespace SpbeConnector.Registry.Approvals;

/// <summary>Stops the start on an approval profile that names nothing or is malformed, naming the setting and the fix.</summary>
public sealed class ApprovalOptionsValidation : IValidateOptions<ApprovalOptions>
{
    public ValidateOptionsResult Validate(string? name, ApprovalOptions options) =>
        ApprovalProfiles.Problems(options) is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
