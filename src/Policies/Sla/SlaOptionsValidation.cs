using Microsoft.Extensions.Options;

namespace SpbeConnector.Policies.Sla;

/// <summary>
/// Stops the start when <c>Sla:Floor</c> is below 95% or above 100%: the service level an installation holds its APIs
/// to cannot be set under the regulation's minimum (Kota Bekasi Pasal 60 ayat (3) huruf m), so the operator is told
/// which setting to fix and to what.
/// </summary>
public sealed class SlaOptionsValidation : IValidateOptions<SlaOptions>
{
    public ValidateOptionsResult Validate(string? name, SlaOptions options) =>
        options.Floor is >= SlaOptions.MinimumFloor and <= 1.0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{SlaOptions.Section}:{nameof(SlaOptions.Floor)} is {options.Floor}; it must be between {SlaOptions.MinimumFloor} and 1.0 (Pasal 60 ayat (3) huruf m sets a 95% minimum). Set {SlaOptions.Section}:{nameof(SlaOptions.Floor)} to 0.95 or higher, or remove it for the default 0.95.");
}
