using System.Runtime.CompilerServices;

namespace SpbeConnector.TestSupport;

/// <summary>Settings of the test process itself, applied once when the test support library loads.</summary>
public static class TestProcessSettings
{
    /// <summary>
    /// The tests start hundreds of gateways and stub upstreams in one process, each watching its appsettings files
    /// for changes with an inotify instance of its own; the default per-user limit of 128 instances is reached when
    /// many run at once. Nothing under test reloads those files (the gateway's runtime settings file keeps its own
    /// watcher), so the hosts built here read them once.
    /// </summary>
#pragma warning disable CA2255 // a test library is where this belongs: every test project that starts hosts loads it
    [ModuleInitializer]
    public static void ReadSettingsFilesOnce() =>
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
#pragma warning restore CA2255
}
