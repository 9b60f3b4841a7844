using System.Net;
using System.Net.Http.Headers;

namespace SpbeConnector.TestSupport;

/// <summary>
/// Sends a management client's access token with every request, as an automation does: the client is created on first
/// use (through the product's own path: the registry's catalog in process, or <c>admin create-client</c> against a
/// gateway process), the token obtained with client credentials for <paramref name="scope"/>, renewed before it
/// expires and, once, when the gateway answers 401 (a test that moves the gateway's clock expires it).
/// </summary>
public sealed class ManagementTokenHandler(Func<Task<TestClientCredentials>> createClient, Func<HttpClient> tokenClient, string scope) : DelegatingHandler
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private TestClientCredentials? _credentials;
    private string? _token;
    private DateTime _renewAfter;

    /// <summary>The management client's credentials (created on first use).</summary>
    public async Task<TestClientCredentials> CredentialsAsync()
    {
        await _lock.WaitAsync();
        try
        {
            return _credentials ??= await createClient();
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>A current access token of the management client.</summary>
    public async Task<string> TokenAsync(bool renew = false)
    {
        var credentials = await CredentialsAsync();
        await _lock.WaitAsync();
        try
        {
            if (_token is null || renew || DateTime.UtcNow > _renewAfter)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth2/token")
                {
                    Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", scope)]),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", TestGateway.BasicCredentials(credentials.ClientId, credentials.Secret));
                using var response = await tokenClient().SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                    throw new HttpRequestException($"The management client {credentials.ClientId} got {(int)response.StatusCode} from the token endpoint: {body}");
                var json = System.Text.Json.JsonDocument.Parse(body).RootElement;
                _token = json.GetProperty("access_token").GetString();
                _renewAfter = DateTime.UtcNow + TimeSpan.FromSeconds(Math.Max(1, json.GetProperty("expires_in").GetInt32() - 30));
            }
            return _token!;
        }
        finally
        {
            _lock.Release();
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync());
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
            return response;
        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(renew: true));
        return await base.SendAsync(request, cancellationToken);
    }
}
