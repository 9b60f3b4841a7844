using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Components.Onboarding;

/// <summary>The APIs a user sees in onboarding, and whether they may register one (a publisher).</summary>
public sealed record ApiListModel(IReadOnlyList<(Api Api, ApiProfile Profile)> Items, bool MayRegister);
