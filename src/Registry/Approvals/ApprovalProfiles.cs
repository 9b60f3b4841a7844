using Microsoft.Extensions.Options;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Approvals;

/// <summary>
/// The profiles this installation knows (the built-in five and the custom ones in settings) and the one in force. A
/// request keeps the profile it was made under, so a change of setting never changes the stages of a request under way.
/// </summary>
public sealed class ApprovalProfiles(IOptions<ApprovalOptions> options)
{
    private readonly Lazy<IReadOnlyDictionary<string, ApprovalProfile>> _all = new(() => Build(options.Value));

    public ApprovalProfile Current => _all.Value[options.Value.ApprovalProfile];

    /// <summary>The profile named, or the one in force when the name is no longer defined (a custom profile removed).</summary>
    public ApprovalProfile Find(string name) => _all.Value.TryGetValue(name, out var profile) ? profile : Current;

    public IReadOnlyCollection<ApprovalProfile> All => _all.Value.Values.ToList();

    private static Dictionary<string, ApprovalProfile> Build(ApprovalOptions settings)
    {
        var all = BuiltInApprovalProfiles.All.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var (name, custom) in settings.CustomApprovalProfiles)
        {
            all[name] = new ApprovalProfile(name, custom.Title, custom.Basis,
                custom.Stages.Select(s => new ApprovalStage(s.Key, s.Name, s.Kind, s.DecidedBy.ToList(), string.IsNullOrWhiteSpace(s.ExternalAuthority) ? null : s.ExternalAuthority)).ToList(),
                custom.SubscriptionDecider);
        }
        return all;
    }

    /// <summary>The problems of the settings, each naming the setting and the fix; empty when they are sound.</summary>
    public static IReadOnlyList<string> Problems(ApprovalOptions settings)
    {
        var problems = new List<string>();
        foreach (var (name, custom) in settings.CustomApprovalProfiles)
        {
            var at = $"Portal:CustomApprovalProfiles:{name}";
            if (BuiltInApprovalProfiles.All.Any(p => p.Name == name))
                problems.Add($"{at} reuses the name of a built-in profile; choose another name.");
            if (string.IsNullOrWhiteSpace(custom.Title))
                problems.Add($"{at}:Title is empty; name the region or unit the profile serves.");
            if (custom.Stages.Count is 0 or > 5)
                problems.Add($"{at}:Stages must list 1 to 5 stages in the order they are decided.");
            if (custom.SubscriptionDecider is not (PortalRole.ApiPublisher or PortalRole.DataOwner))
                problems.Add($"{at}:SubscriptionDecider must be ApiPublisher or DataOwner.");
            for (var i = 0; i < custom.Stages.Count; i++)
            {
                var stage = custom.Stages[i];
                if (string.IsNullOrWhiteSpace(stage.Key) || string.IsNullOrWhiteSpace(stage.Name))
                    problems.Add($"{at}:Stages:{i} needs a Key and a Name (in Bahasa Indonesia).");
                if (custom.Stages.Take(i).Any(s => s.Key == stage.Key))
                    problems.Add($"{at}:Stages:{i}:Key '{stage.Key}' is used twice; each stage needs its own key.");
                // Feasibility is decided (or recorded) by reviewers only: publishers do not review, and the platform
                // administrator runs the platform without deciding what goes on it (Pasal 59 ayat (6) huruf a and c).
                if (stage.DecidedBy.Count == 0 || stage.DecidedBy.Any(r => r is not (PortalRole.OperationalReviewer or PortalRole.SecurityReviewer)))
                    problems.Add($"{at}:Stages:{i}:DecidedBy must name OperationalReviewer and/or SecurityReviewer.");
            }
        }
        var known = BuiltInApprovalProfiles.All.Select(p => p.Name).Concat(settings.CustomApprovalProfiles.Keys).ToList();
        if (!known.Contains(settings.ApprovalProfile, StringComparer.Ordinal))
            problems.Add($"Portal:ApprovalProfile '{settings.ApprovalProfile}' names no profile; use one of: {string.Join(", ", known)}.");
        return problems;
    }
}
