using SpbeConnector.Registry.Domain;

// Not SpbeConnector.Registry.Tests.Domain: that namespace would hide SpbeConnector.Registry.Domain from the other tests here.
namespace SpbeConnector.Registry.Tests;

public class ApiLifecycleTests
{
    [Theory]
    [InlineData(ApiStatus.Draft, ApiStatus.Submitted, true)]
    [InlineData(ApiStatus.Submitted, ApiStatus.Approved, true)]
    [InlineData(ApiStatus.Approved, ApiStatus.Published, true)]
    [InlineData(ApiStatus.Published, ApiStatus.Deprecated, true)]
    [InlineData(ApiStatus.Deprecated, ApiStatus.Retired, true)]
    [InlineData(ApiStatus.Draft, ApiStatus.Published, false)]     // no publication without approval
    [InlineData(ApiStatus.Submitted, ApiStatus.Published, false)]
    [InlineData(ApiStatus.Retired, ApiStatus.Published, false)]   // retired is final
    [InlineData(ApiStatus.Retired, ApiStatus.Draft, false)]
    public void Moves(ApiStatus from, ApiStatus to, bool allowed) => Assert.Equal(allowed, ApiLifecycle.CanMove(from, to));

    [Theory]
    [InlineData(ApiStatus.Published, true)]
    [InlineData(ApiStatus.Deprecated, true)]
    [InlineData(ApiStatus.Approved, false)]
    [InlineData(ApiStatus.Retired, false)]
    public void Only_published_and_deprecated_apis_are_routed(ApiStatus status, bool routed) => Assert.Equal(routed, ApiLifecycle.IsRouted(status));
}
