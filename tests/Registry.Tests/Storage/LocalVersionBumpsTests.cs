using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Registry.Tests.Storage;

/// <summary>How the change monitor tells this node's own version bumps from another process's.</summary>
public class LocalVersionBumpsTests
{
    [Fact]
    public void A_step_made_only_of_own_versions_is_own_and_is_then_forgotten()
    {
        var own = new LocalVersionBumps();
        own.Expect(config: 6, access: null);
        own.Expect(config: 7, access: 3);

        Assert.True(own.ConfigStepIsOwn(5, 7));
        Assert.True(own.AccessStepIsOwn(2, 3));
        // Seen once: the same numbers again are no longer this process's (nothing is kept forever).
        Assert.False(own.ConfigStepIsOwn(5, 7));
    }

    [Fact]
    public void A_step_with_another_processs_version_in_it_is_not_own()
    {
        var own = new LocalVersionBumps();
        own.Expect(config: 7, access: null);
        // Version 6 came from another node between the last poll and this node's write.
        Assert.False(own.ConfigStepIsOwn(5, 7));
        Assert.False(own.AccessStepIsOwn(0, 1));
    }

    [Fact]
    public void A_forgotten_version_a_failed_commit_produced_is_not_own()
    {
        var own = new LocalVersionBumps();
        own.Expect(config: 6, access: 2);
        own.Forget(config: 6, access: 2);
        Assert.False(own.ConfigStepIsOwn(5, 6));
        Assert.False(own.AccessStepIsOwn(1, 2));
    }

    [Fact]
    public void A_version_that_went_backwards_or_did_not_move_is_not_own()
    {
        var own = new LocalVersionBumps();
        own.Expect(config: 3, access: null);
        Assert.False(own.ConfigStepIsOwn(9, 3)); // a restored store
        Assert.False(own.ConfigStepIsOwn(3, 3));
    }
}
