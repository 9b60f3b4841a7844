using System.Net.Http;
using Yarp.ReverseProxy.Forwarder;

namespace SpbeConnector.Policies.UpstreamErrors;

/// <summary>
/// Whether a forwarding failure was caused by the request (its client, or what it asked the gateway to send) rather
/// than by the upstream. Such a failure must never count against the upstream's health (its circuit) nor against the
/// API's service level: otherwise one client sending requests that cannot be forwarded takes the API offline for
/// every other client (issue 14, item 1; Pasal 60 ayat (3) huruf c and m).
/// </summary>
public static class ForwardingFailureBlame
{
    public static bool IsCausedByRequest(IForwarderErrorFeature error) => error.Error switch
    {
        // The request could not be built, or its client stopped sending, reading or waiting.
        ForwarderError.RequestCreation
            or ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.RequestBodyClient
            or ForwarderError.ResponseBodyCanceled or ForwarderError.ResponseBodyClient
            or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeRequestClient
            or ForwarderError.UpgradeResponseCanceled or ForwarderError.UpgradeResponseClient => true,
        // The HTTP client refused to write the request (a header value it cannot encode, for example) without any
        // transport failure behind it: nothing was exchanged with the upstream.
        ForwarderError.Request => IsUnsendableRequest(error.Exception),
        _ => false,
    };

    private static bool IsUnsendableRequest(Exception? exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.Unknown, InnerException: null, StatusCode: null };
}
