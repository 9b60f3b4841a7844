using Microsoft.AspNetCore.Builder;

namespace SpbeConnector.Policies.UpstreamErrors;

public static class UpstreamErrorsExtensions
{
    /// <summary>Turns the forwarder's own failures (no upstream, timeout) into problem details; it needs no services.</summary>
    public static IApplicationBuilder UseUpstreamErrorProblems(this IApplicationBuilder app) => app.UseMiddleware<UpstreamErrorProblemMiddleware>();
}
