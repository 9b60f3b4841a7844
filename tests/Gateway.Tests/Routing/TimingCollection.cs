namespace SpbeConnector.Gateway.Tests.Routing;

/// <summary>
/// Tests that measure a deadline (a registry change in force within one second) run alone, after the parallel ones:
/// on two cores, the backup, drain and load tests of other classes running beside them would measure the machine's
/// contention, not the gateway's reload path.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing";
}
