using System.Text.Json;
using System.Text.Json.Nodes;
using SpbeConnector.Policies.AntiAutomation;
using SpbeConnector.Registry.Hosting;

namespace SpbeConnector.Gateway.AdminApi;

/// <summary>
/// The anti-automation settings an administrator changed at run time, kept in <c>{data}/anti-automation.json</c>:
/// a configuration source above appsettings.json, so a change takes effect at once and survives a restart.
/// </summary>
public sealed class AntiAutomationSettingsFile(DataDirectory data, IConfigurationRoot configuration)
{
    public const string FileName = "anti-automation.json";
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task WriteAsync(AntiAutomationSettings settings, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var document = new JsonObject
            {
                [AntiAutomationOptions.Section] = new JsonObject
                {
                    [nameof(AntiAutomationOptions.PerIpLimit)] = settings.PerIpLimit,
                    [nameof(AntiAutomationOptions.PerIpWindow)] = settings.PerIpWindow.ToString("c"),
                    [nameof(AntiAutomationOptions.TokenEndpointPerIpLimit)] = settings.TokenEndpointPerIpLimit,
                    [nameof(AntiAutomationOptions.TokenEndpointPerIpWindow)] = settings.TokenEndpointPerIpWindow.ToString("c"),
                    [nameof(AntiAutomationOptions.Detection)] = new JsonObject
                    {
                        [nameof(AttackDetectionOptions.Action)] = settings.DetectionAction.ToString(),
                        [nameof(AttackDetectionOptions.BlockDuration)] = settings.BlockDuration.ToString("c"),
                    },
                },
            };
            var path = data.File(FileName);
            var temporary = path + ".tmp";
            await File.WriteAllTextAsync(temporary, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), ct);
            File.Move(temporary, path, overwrite: true); // atomic: a reader sees the old or the new file, never half of one
            configuration.Reload();
        }
        finally
        {
            _gate.Release();
        }
    }
}
