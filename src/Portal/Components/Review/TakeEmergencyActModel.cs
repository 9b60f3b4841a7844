using SpbeConnector.Portal.Rendering;

namespace SpbeConnector.Portal.Components.Review;

/// <summary>
/// The emergency acts a person may take (<c>/portal/tinjauan/darurat/baru</c>): each act with what it can be taken on
/// (value and label), and a refused act's kind, target, reason and problems to show again beside its form.
/// </summary>
public sealed record TakeEmergencyActModel(
    IReadOnlyList<(string Act, IReadOnlyList<(string Value, string Label)> Targets)> Acts,
    string? FailedAct,
    string? Target,
    string? Reason,
    FormErrors Errors);
