using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OpenIddict.Server;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// Tells the options system that OpenIddict's server options are stale when the key ring's key set changes: OpenIddict
/// reads them through <see cref="IOptionsMonitor{TOptions}"/>, which then rebuilds them (<see cref="OpenIddictServerSettings"/>).
/// </summary>
public sealed class SigningKeyOptionsChangeSource(SigningKeyRing ring) : IOptionsChangeTokenSource<OpenIddictServerOptions>
{
    public string Name => Options.DefaultName;

    public IChangeToken GetChangeToken() => ring.GetChangeToken();
}
