using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SpbeConnector.Policies.Routing;

namespace SpbeConnector.Policies.Sla;

/// <summary>
/// Records what each proxied request means for its API's service level (Pasal 60 ayat (3) huruf m): failed (5xx,
/// timeout, exception), slow (over the latency threshold), or good. The first step of <c>DataPlanePipeline</c>, so that the
/// time measured is the time the client waited for everything the gateway does.
/// </summary>
public sealed class SlaRecordingMiddleware(RequestDelegate next, SlaRecorder recorder, IOptionsMonitor<SlaOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var threw = false;
        int? unreadable = null;
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException bad)
        {
            // The request could not be read (malformed body framing): the client's error, answered with its 4xx.
            unreadable = bad.StatusCode;
            throw;
        }
        catch
        {
            threw = true;
            throw;
        }
        finally
        {
            var settings = options.CurrentValue;
            if (settings.Enabled && RoutedApi.Of(context) is { } api)
            {
                var outcome = SlaOutcomeClassifier.Classify(unreadable ?? context.Response.StatusCode, Stopwatch.GetElapsedTime(started),
                    context.RequestAborted.IsCancellationRequested, threw, settings.LatencyThreshold);
                recorder.Record(api.ApiPath, api.OpdCode, outcome);
            }
        }
    }
}
