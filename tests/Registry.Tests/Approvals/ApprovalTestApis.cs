using System.Net.Http.Json;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Registry.Tests.Approvals;

/// <summary>
/// The draft API the approval tests take through the workflow: public (no token needed), so that a routed API answers;
/// with the registration profile a submission needs unless <c>withProfile</c> is false.
/// </summary>
internal static class ApprovalTestApis
{
    public const string Path = "/dinkes/faskes/v1/fasilitas";

    public static async Task<Guid> RegisterDraftAsync(TestGateway gateway, string upstream, bool withProfile = true)
    {
        await gateway.EnsureOpdAsync("dinkes");
        var created = await gateway.Admin.PostAsJsonAsync("/admin/v1/apis", new
        {
            opdCode = "dinkes", name = "Fasilitas Kesehatan", slug = "faskes", version = "v1", upstreamUrls = new[] { upstream },
            allowInsecureUpstream = true, classification = "Public", isPublic = true,
        });
        await AdminApiCalls.EnsureSuccessAsync(created);
        var id = Guid.Parse((await created.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["id"].ToString()!);
        if (withProfile)
            await gateway.PutRegistrationProfileAsync(id);
        return id;
    }
}
