namespace SpbeConnector.Policies;

/// <summary>The mark <see cref="DataPlaneStep.MarkAdded{TStep}"/> leaves in the container for the step of <typeparamref name="TStep"/>.</summary>
public sealed class StepAdded<TStep>;
