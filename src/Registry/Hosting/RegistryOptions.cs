using System.ComponentModel.DataAnnotations;

namespace SpbeConnector.Registry.Hosting;

/// <summary>Settings of the registry (section <c>Registry</c>).</summary>
public sealed class RegistryOptions
{
    public const string Section = "Registry";

    /// <summary>How often to look for changes made by other processes sharing the store.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan ChangePollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
