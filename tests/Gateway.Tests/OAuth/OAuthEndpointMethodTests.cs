using System.Net;
using SpbeConnector.Gateway.Tests.Errors;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.OAuth;

/// <summary>The POST-only protocol endpoints tell a client that used another method so (issue 14, item 8).</summary>
public class OAuthEndpointMethodTests
{
    [Theory]
    [InlineData("GET", "/oauth2/token")]
    [InlineData("PUT", "/oauth2/token")]
    [InlineData("GET", "/oauth2/introspect")]
    [InlineData("DELETE", "/oauth2/revoke")]
    public async Task Another_method_than_POST_is_405_with_Allow_POST(string method, string path)
    {
        await using var gateway = await TestGateway.StartAsync();

        var response = await gateway.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await GatewayErrorTests.AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
    }
}
