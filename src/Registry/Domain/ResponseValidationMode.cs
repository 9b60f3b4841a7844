namespace SpbeConnector.Registry.Domain;

/// <summary>Whether the gateway checks an API's responses against its OpenAPI document.</summary>
public enum ResponseValidationMode
{
    /// <summary>Responses pass unchecked.</summary>
    Off,
    /// <summary>Responses pass; a response that breaks the document is logged with the request id.</summary>
    ReportOnly,
    /// <summary>A response that breaks the document is replaced by 502 problem details; its body never reaches the client.</summary>
    Enforce,
}
