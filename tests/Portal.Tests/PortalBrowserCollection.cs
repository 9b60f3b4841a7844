namespace SpbeConnector.Portal.Tests;

/// <summary>One browser for every portal test class, started once.</summary>
[CollectionDefinition(Name)]
public sealed class PortalBrowserCollection : ICollectionFixture<PortalBrowser>
{
    public const string Name = "portal browser";
}
