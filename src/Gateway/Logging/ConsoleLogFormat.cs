namespace SpbeConnector.Gateway.Logging;

/// <summary>How the gateway writes its log to the console (<c>Logs:ConsoleFormat</c>).</summary>
public enum ConsoleLogFormat
{
    /// <summary>Text in an interactive terminal, JSON when the output is redirected (a service manager, a pipe, a file).</summary>
    Auto,

    /// <summary>One readable line per event: time, level, message, request id.</summary>
    Text,

    /// <summary>One JSON object per event, as collected by log shippers (the same shape as the log file).</summary>
    Json,
}
