using SpbeConnector.Gateway.Hosting;

return await GatewayCommandLine.RunAsync(args);
