namespace SpbeConnector.Registry.Domain;

/// <summary>How the clients of an API hold their session, which decides the CSRF rules (Pasal 60 ayat (5) huruf d).</summary>
public enum SessionMode
{
    /// <summary>Clients authenticate each call with a token; cookies from clients are dropped unless forwarded on purpose.</summary>
    Token,
    /// <summary>Browsers hold a cookie session; unsafe methods need a matching origin and a double-submit token.</summary>
    Cookie,
}
