using Microsoft.AspNetCore.Http;
using SpbeConnector.Policies.Problems;
using Yarp.ReverseProxy.Forwarder;

namespace SpbeConnector.Policies.UpstreamErrors;

/// <summary>
/// When forwarding fails before the upstream answered, tells the client so in RFC 9457 problem details: 502 when
/// the upstream could not be reached or broke the exchange, 504 when it did not answer in time, and a 4xx when the
/// request itself could not be forwarded (<see cref="ForwardingFailureBlame"/>): the client's error is not counted as
/// a failure of the API's service level. Nothing internal (addresses, exception text) is disclosed (Pasal 59 ayat
/// (9) huruf a).
/// </summary>
public sealed class UpstreamErrorProblemMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var error = context.GetForwarderErrorFeature();
        if (error is null || context.Response.HasStarted)
            return;

        var (status, title, detail) = error.Error switch
        {
            ForwarderError.RequestTimedOut => (StatusCodes.Status504GatewayTimeout, "Upstream timed out",
                "The OPD's service did not answer in time. Try again later; if it persists, contact the API's owner."),
            ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled => (499, "Request canceled", "The client canceled the request."),
            ForwarderError.RequestBodyClient => (StatusCodes.Status400BadRequest, "Request body could not be read",
                "The request body ended early or was malformed."),
            ForwarderError.Request or ForwarderError.RequestCreation when ForwardingFailureBlame.IsCausedByRequest(error) => (StatusCodes.Status400BadRequest,
                "Request could not be forwarded", "The request cannot be sent on to the OPD's service as it is. Correct the request; quote the requestId if it persists."),
            ForwarderError.NoAvailableDestinations => (StatusCodes.Status503ServiceUnavailable, "No healthy upstream",
                "No instance of the OPD's service is available right now. Try again later."),
            _ => (StatusCodes.Status502BadGateway, "Upstream unavailable",
                "The gateway could not get an answer from the OPD's service. Try again later; if it persists, contact the API's owner."),
        };
        await GatewayProblem.WriteAsync(context, status, title, detail);
    }
}
