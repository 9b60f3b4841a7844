using System.Net.Http;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using SpbeConnector.Gateway.Upstreams;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace SpbeConnector.Gateway.Tests.Upstreams;

/// <summary>
/// The upstream's circuit counts only what the upstream did (issue 14, item 1): a forwarding failure the request
/// caused never reaches YARP's failure-rate policy, so one client cannot take an API offline for everyone.
/// </summary>
public class UpstreamFaultOnlyHealthPolicyTests
{
    public static TheoryData<ForwarderError, Exception?> CausedByTheRequest => new()
    {
        { ForwarderError.RequestCreation, new InvalidOperationException() },
        { ForwarderError.RequestCanceled, new OperationCanceledException() },
        { ForwarderError.RequestBodyCanceled, new OperationCanceledException() },
        { ForwarderError.RequestBodyClient, new BadHttpRequestException("malformed") },
        { ForwarderError.ResponseBodyClient, new IOException() },
        { ForwarderError.UpgradeRequestClient, new IOException() },
        // What the HTTP client throws for a header value it cannot encode: no transport failure inside.
        { ForwarderError.Request, new HttpRequestException("Request headers must contain only ASCII characters.") },
    };

    public static TheoryData<ForwarderError, Exception?> CausedByTheUpstream => new()
    {
        { ForwarderError.Request, new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused)) },
        { ForwarderError.Request, new HttpRequestException("reset", new IOException("Connection reset by peer")) },
        { ForwarderError.RequestTimedOut, new OperationCanceledException() },
        { ForwarderError.RequestBodyDestination, new IOException() },
        { ForwarderError.ResponseHeaders, new HttpRequestException(HttpRequestError.InvalidResponse, "bad") },
        { ForwarderError.ResponseBodyDestination, new IOException() },
    };

    [Theory]
    [MemberData(nameof(CausedByTheRequest))]
    public void A_failure_the_request_caused_is_not_reported_to_the_circuit(ForwarderError error, Exception? exception)
    {
        var (policy, inner) = Create();

        policy.RequestProxied(Failed(error, exception), new ClusterState("c"), new DestinationState("d"));

        Assert.Equal(0, inner.Reported);
    }

    [Theory]
    [MemberData(nameof(CausedByTheUpstream))]
    public void A_failure_of_the_upstream_is_reported_to_the_circuit(ForwarderError error, Exception? exception)
    {
        var (policy, inner) = Create();

        policy.RequestProxied(Failed(error, exception), new ClusterState("c"), new DestinationState("d"));
        policy.RequestProxied(new DefaultHttpContext(), new ClusterState("c"), new DestinationState("d"));

        Assert.Equal(2, inner.Reported);
        Assert.Equal("TransportFailureRate", policy.Name);
    }

    private static (UpstreamFaultOnlyHealthPolicy Policy, CountingPolicy Inner) Create()
    {
        var inner = new CountingPolicy();
        return (new UpstreamFaultOnlyHealthPolicy(inner), inner);
    }

    private static DefaultHttpContext Failed(ForwarderError error, Exception? exception)
    {
        var context = new DefaultHttpContext();
        context.Features.Set<IForwarderErrorFeature>(new Failure(error, exception));
        return context;
    }

    private sealed record Failure(ForwarderError Error, Exception? Exception) : IForwarderErrorFeature;

    private sealed class CountingPolicy : IPassiveHealthCheckPolicy
    {
        public int Reported { get; private set; }
        public string Name => "TransportFailureRate";
        public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination) => Reported++;
    }
}
