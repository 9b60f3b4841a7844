namespace SpbeConnector.Portal.Components.Review;

/// <summary>One step of a lifecycle shown as steps: its name, whether it is done, the current one or still ahead, and who acts on it.</summary>
public sealed record Step(string Label, StepState State, string? Detail = null);

/// <summary>Where a step stands.</summary>
public enum StepState
{
    Done,
    Current,
    Ahead,
}
