using Microsoft.AspNetCore.Http;

namespace SpbeConnector.Policies.AntiAutomation;

/// <summary>The source address of a request, as a counter key and as a block subject.</summary>
public static class SourceAddress
{
    public static string Of(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public static string Subject(string address) => "ip:" + address;
}
