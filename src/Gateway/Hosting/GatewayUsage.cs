namespace SpbeConnector.Gateway.Hosting;

/// <summary>What the command line accepts, printed for <c>--help</c> and with every refused command line.</summary>
public static class GatewayUsage
{
    public const string Text = """
        Usage:
          SpbeConnector.Gateway [--Section:Key=value]...
              Runs the gateway (data directory: --DataDirectory, SPBE_DATA_DIR, or ./data); settings as in README.md,
              for example --urls https://0.0.0.0:8443 or --Audit:Mode=Strict.
          SpbeConnector.Gateway audit verify|verify-receipt ...      verifies the audit log or a receipt offline
          SpbeConnector.Gateway backup DEST | restore BACKUP ...      saves or restores the gateway's state
          SpbeConnector.Gateway portal create-admin --username NAME   creates a portal administrator
          SpbeConnector.Gateway admin create-client --name NAME --scope spbe.admin
                                                                    registers a management client; prints its id and secret as JSON
          SpbeConnector.Gateway --help                                this text
        Each command prints its own usage when run without arguments.

        """;
}
