using System.Net;

namespace SpbeConnector.Policies.Tests.AntiAutomation;

/// <summary>
/// Concurrent load over several gateway nodes for the cluster tests: every worker of every node sends its share of
/// requests to one path at the same time; each answer must be 200, 429 or (counted, and expected to be none) 5xx.
/// </summary>
internal static class ClusterLoad
{
    public sealed record Result(int Allowed, int[] AllowedPerNode, int Refused, int ServerErrors);

    /// <param name="workersPerNode">for each node, the clients of its concurrent workers (one client may serve several)</param>
    public static async Task<Result> RunAsync(IReadOnlyList<HttpClient[]> workersPerNode, string path, int requestsPerNode)
    {
        var allowed = new int[workersPerNode.Count];
        var refused = 0;
        var serverErrors = 0;
        await Task.WhenAll(workersPerNode.SelectMany((workers, n) => workers.Select(async client =>
        {
            for (var i = 0; i < requestsPerNode / workers.Length; i++)
            {
                var status = (await client.GetAsync(path)).StatusCode;
                if (status == HttpStatusCode.OK)
                    Interlocked.Increment(ref allowed[n]);
                else if ((int)status >= 500)
                    Interlocked.Increment(ref serverErrors);
                else
                {
                    Assert.Equal(HttpStatusCode.TooManyRequests, status);
                    Interlocked.Increment(ref refused);
                }
            }
        })));
        return new Result(allowed.Sum(), allowed, refused, serverErrors);
    }
}
