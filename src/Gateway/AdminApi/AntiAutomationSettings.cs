using SpbeConnector.Policies.AntiAutomation;

namespace SpbeConnector.Gateway.AdminApi;

/// <summary>The anti-automation settings an administrator can read and change at run time.</summary>
public sealed record AntiAutomationSettings(
    long PerIpLimit,
    TimeSpan PerIpWindow,
    long TokenEndpointPerIpLimit,
    TimeSpan TokenEndpointPerIpWindow,
    DetectionAction DetectionAction,
    TimeSpan BlockDuration)
{
    public static AntiAutomationSettings From(AntiAutomationOptions o) =>
        new(o.PerIpLimit, o.PerIpWindow, o.TokenEndpointPerIpLimit, o.TokenEndpointPerIpWindow, o.Detection.Action, o.Detection.BlockDuration);

    public Dictionary<string, string[]> Check()
    {
        var errors = new Dictionary<string, string[]>();
        if (PerIpLimit < 1)
            errors[nameof(PerIpLimit)] = ["must be at least 1"];
        if (TokenEndpointPerIpLimit < 1)
            errors[nameof(TokenEndpointPerIpLimit)] = ["must be at least 1"];
        if (PerIpWindow < TimeSpan.FromSeconds(1) || PerIpWindow > TimeSpan.FromDays(31))
            errors[nameof(PerIpWindow)] = ["must be between 1 second and 31 days"];
        if (TokenEndpointPerIpWindow < TimeSpan.FromSeconds(1) || TokenEndpointPerIpWindow > TimeSpan.FromDays(31))
            errors[nameof(TokenEndpointPerIpWindow)] = ["must be between 1 second and 31 days"];
        if (BlockDuration < TimeSpan.FromSeconds(1) || BlockDuration > TimeSpan.FromDays(31))
            errors[nameof(BlockDuration)] = ["must be between 1 second and 31 days"];
        return errors;
    }
}
