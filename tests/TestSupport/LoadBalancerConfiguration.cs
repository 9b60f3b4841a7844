namespace SpbeConnector.TestSupport;

/// <summary>
/// The nginx configuration scripts/cluster.sh runs in front of the nodes (deploy/nginx/load-balancer.conf), filled in
/// the same way, so that the tests go through exactly what the script starts.
/// </summary>
public static class LoadBalancerConfiguration
{
    /// <summary>
    /// The file for nginx listening on 127.0.0.1:<paramref name="port"/>, with <paramref name="certificate"/> and its key,
    /// in front of <paramref name="nodes"/> (https URLs) whose certificates are in <paramref name="nodesCa"/>.
    /// </summary>
    public static string For(int port, IEnumerable<string> nodes, string certificate, string certificateKey, string nodesCa)
    {
        var template = File.ReadAllText(Path.Combine(RepositoryPaths.Root(), "deploy", "nginx", "load-balancer.conf"));
        var servers = string.Join("\n", nodes.Select(url => new Uri(url))
            .Select(node => $"    server {node.Host}:{node.Port} max_fails=1 fail_timeout=5s;"));
        return template
            .Replace("@NODES@", servers)
            .Replace("@LISTEN@", $"127.0.0.1:{port}")
            .Replace("@CERTIFICATE@", certificate)
            .Replace("@CERTIFICATE_KEY@", certificateKey)
            .Replace("@NODES_CA@", nodesCa);
    }
}
