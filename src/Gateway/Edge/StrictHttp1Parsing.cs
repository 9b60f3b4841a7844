using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Net.Http.Headers;

namespace SpbeConnector.Gateway.Edge;

/// <summary>
/// HTTP/1.1 parsed strictly (RFC 9112), so that the gateway never reads a request differently from a stricter proxy
/// in front of it (request smuggling): lines end with CRLF only, and Content-Length is digits only. Both are refused
/// by Kestrel with 400 before any of the gateway's code runs.
/// </summary>
public static class StrictHttp1Parsing
{
    /// <summary>Kestrel's own switch (read when its options are created): a bare LF ends no line.</summary>
    public const string DisableLineFeedTerminatorsSwitch = "Microsoft.AspNetCore.Server.Kestrel.DisableHttp1LineFeedTerminators";

    /// <summary>Call before the web host is built.</summary>
    public static void RefuseBareLineFeeds() => AppContext.SetSwitch(DisableLineFeedTerminatorsSwitch, true);

    /// <summary>Kestrel offers no setting for Content-Length; it decodes it through the header encoding selector, though.</summary>
    public static void RefuseSignedContentLength(KestrelServerOptions kestrel) =>
        kestrel.RequestHeaderEncodingSelector = name =>
            string.Equals(name, HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase) ? ContentLengthDigitsEncoding.Instance : null;
}
