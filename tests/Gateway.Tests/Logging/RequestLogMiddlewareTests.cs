using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using SpbeConnector.Gateway.Logging;

namespace SpbeConnector.Gateway.Tests.Logging;

/// <summary>The per-request log event: route pattern never the raw path, level by outcome, nothing below the minimum.</summary>
public sealed class RequestLogMiddlewareTests
{
    private const string Nik = "3201234567890001";

    [Fact]
    public async Task A_request_is_logged_with_its_route_pattern_and_never_its_path()
    {
        var (logger, events) = Capture(LogEventLevel.Debug);
        var context = Request($"/kependudukan/v1/penduduk/{Nik}", "/kependudukan/v1/penduduk/{nik}");

        await new RequestLogMiddleware(c => { c.Response.StatusCode = 200; return Task.CompletedTask; }, logger).InvokeAsync(context);

        var logged = Assert.Single(events);
        Assert.Equal(LogEventLevel.Debug, logged.Level);
        Assert.Equal("\"/kependudukan/v1/penduduk/{nik}\"", logged.Properties["Route"].ToString());
        Assert.Equal("200", logged.Properties["StatusCode"].ToString());
        Assert.DoesNotContain(Nik, logged.RenderMessage());
        Assert.DoesNotContain(logged.Properties.Values, v => v.ToString().Contains(Nik, StringComparison.Ordinal));
    }

    [Fact]
    public async Task At_the_default_level_only_failures_are_written()
    {
        var (logger, events) = Capture(LogEventLevel.Information);

        await new RequestLogMiddleware(c => { c.Response.StatusCode = 200; return Task.CompletedTask; }, logger).InvokeAsync(Request("/a", "/a"));
        Assert.Empty(events);

        await new RequestLogMiddleware(c => { c.Response.StatusCode = 503; return Task.CompletedTask; }, logger).InvokeAsync(Request("/a", "/a"));
        Assert.Equal(LogEventLevel.Warning, Assert.Single(events).Level);
    }

    [Fact]
    public async Task An_exception_is_logged_as_an_error_and_passed_on()
    {
        var (logger, events) = Capture(LogEventLevel.Information);
        var failure = new InvalidOperationException("boom");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new RequestLogMiddleware(_ => throw failure, logger).InvokeAsync(Request("/a", "/a")));

        Assert.Same(failure, thrown);
        var logged = Assert.Single(events);
        Assert.Equal(LogEventLevel.Error, logged.Level);
        Assert.Same(failure, logged.Exception);
    }

    private static DefaultHttpContext Request(string path, string pattern)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = path;
        context.SetEndpoint(new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse(pattern), 0, EndpointMetadataCollection.Empty, "test"));
        return context;
    }

    private static (Serilog.ILogger Logger, List<LogEvent> Events) Capture(LogEventLevel minimum)
    {
        var sink = new ListSink();
        var logger = new LoggerConfiguration().MinimumLevel.Is(minimum).WriteTo.Sink(sink).CreateLogger();
        return (logger, sink.Events);
    }

    private sealed class ListSink : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }
}
