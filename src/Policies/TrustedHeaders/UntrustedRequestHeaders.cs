using System.Net.Http;
using System.Net.Http.Headers;

namespace SpbeConnector.Policies.TrustedHeaders;

/// <summary>
/// Request headers a client may not send on to an upstream, removed from every forwarded request:
/// <list type="bullet">
/// <item>the headers the gateway sets or vouches for (<c>X-Spbe-*</c>, <c>X-Request-Id</c>, <c>X-Forwarded-*</c>)
/// in any spelling that an upstream may take for them: names are compared case-insensitively with
/// <c>_</c> read as <c>-</c>, because CGI, WSGI, PHP and Rack turn both <c>X-Spbe-Client-Id</c> and
/// <c>X_Spbe_Client_Id</c> into <c>HTTP_X_SPBE_CLIENT_ID</c>; the gateway's own headers are added after this, in
/// their canonical spelling;</item>
/// <item><c>X-Real-IP</c>, a client address no one checked (the gateway's is in <c>X-Forwarded-For</c>);</item>
/// <item>the method-override headers (<c>X-HTTP-Method-Override</c>, <c>X-HTTP-Method</c>, <c>X-Method-Override</c>):
/// an upstream that honours them would run a method other than the one the gateway validated against the API's
/// OpenAPI document. Stripped rather than refused, as gateways usually do, so that clients whose libraries add them
/// keep working with the method they really sent.</item>
/// </list>
/// The identity of the connected service must come from the gateway alone (Pasal 60 ayat (3) huruf d).
/// </summary>
public static class UntrustedRequestHeaders
{
    /// <summary>Names removed in every spelling.</summary>
    private static readonly string[] Always = ["X-Real-IP", "X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"];

    /// <summary>Prefixes of headers only the gateway sets, removed in every spelling (the gateway adds its own after).</summary>
    private static readonly string[] Prefixes = ["X-Spbe-"];

    /// <summary>
    /// Headers whose canonical spelling is already the gateway's when this runs (the request id it set, the forwarding
    /// headers YARP sets from the connection): only their lookalikes go.
    /// </summary>
    private static readonly string[] LookalikesOnly = ["X-Request-Id", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Prefix"];

    public static void RemoveFrom(HttpRequestMessage request)
    {
        List<string>? remove = null;
        foreach (var (name, _) in request.Headers.NonValidated)
        {
            if (IsUntrusted(name))
                (remove ??= []).Add(name);
        }
        if (remove is null)
            return;
        foreach (var name in remove)
            request.Headers.Remove(name);
    }

    public static bool IsUntrusted(string name)
    {
        foreach (var always in Always)
        {
            if (SameNormalized(name, always, prefix: false))
                return true;
        }
        foreach (var prefix in Prefixes)
        {
            if (SameNormalized(name, prefix, prefix: true))
                return true;
        }
        foreach (var canonical in LookalikesOnly)
        {
            if (SameNormalized(name, canonical, prefix: false) && !string.Equals(name, canonical, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary>Case-insensitive, <c>_</c> equal to <c>-</c>; with <paramref name="prefix"/>, whether the name starts with it.</summary>
    private static bool SameNormalized(string name, string canonical, bool prefix)
    {
        if (prefix ? name.Length <= canonical.Length : name.Length != canonical.Length)
            return false;
        for (var i = 0; i < canonical.Length; i++)
        {
            var c = name[i] == '_' ? '-' : char.ToUpperInvariant(name[i]);
            if (c != char.ToUpperInvariant(canonical[i]))
                return false;
        }
        return true;
    }
}
