namespace SpbeConnector.Gateway.Logging;

/// <summary>
/// Where and how the log is written (section <c>Logs</c>). Levels, overrides and extra sinks stay in the
/// <c>Serilog</c> section, read as before.
/// </summary>
public sealed class LogOutputOptions
{
    public const string Section = "Logs";

    /// <summary>The console's format; the file under <c>{data}/logs</c> is JSON whatever this says.</summary>
    public ConsoleLogFormat ConsoleFormat { get; set; } = ConsoleLogFormat.Auto;

    /// <summary>Whether the console gets text: asked for, or <see cref="ConsoleLogFormat.Auto"/> with a person at a terminal.</summary>
    public bool TextOnConsole(bool outputRedirected) =>
        ConsoleFormat == ConsoleLogFormat.Text || (ConsoleFormat == ConsoleLogFormat.Auto && !outputRedirected);
}
