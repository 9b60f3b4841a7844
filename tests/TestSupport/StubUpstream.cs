using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SpbeConnector.TestSupport;

/// <summary>
/// A real upstream for tests: Kestrel on 127.0.0.1 with a random port, recording every request it receives, so a
/// test can prove what did (and did not) reach the OPD's service. Answers with a JSON body naming itself, unless a
/// handler is set.
/// </summary>
public sealed class StubUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    private StubUpstream(WebApplication app, string name)
    {
        _app = app;
        Name = name;
    }

    public string Name { get; }
    public string BaseUrl { get; private set; } = "";
    public int Port => new Uri(BaseUrl).Port;

    /// <summary>Replaces the default answer. Runs after the request was recorded.</summary>
    public Func<HttpContext, Task>? Handler { get; set; }

    public IReadOnlyCollection<ReceivedRequest> Received => _received.ToArray();

    public int Count => _received.Count;

    public void Clear() => _received.Clear();

    public static async Task<StubUpstream> StartAsync(string name = "stub", Action<WebApplicationBuilder>? configure = null, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        configure?.Invoke(builder);
        var app = builder.Build();
        var stub = new StubUpstream(app, name);
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            stub._received.Enqueue(new ReceivedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.QueryString.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body.ToArray()));
            if (stub.Handler is { } handler)
            {
                await handler(context);
                return;
            }
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"upstream":"{{name}}","path":"{{context.Request.Path}}"}""");
        });
        await app.StartAsync();
        stub.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A loopback address on which nothing listens: an upstream that is down.</summary>
    public static string DeadUrl()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }
}
