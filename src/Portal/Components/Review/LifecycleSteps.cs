using SpbeConnector.Portal.Rendering;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Components.Review;

/// <summary>
/// An API's lifecycle and a request's stages as steps (issue 19 item 11): draft, each stage of the approval profile
/// with who decides it, then publication; a change request from its proposal through its stages to being in force.
/// </summary>
public static class LifecycleSteps
{
    /// <summary>The API from draft to publication under <paramref name="profile"/> (the pending publication's, else the one in force).</summary>
    public static IReadOnlyList<Step> ForApi(Api api, ApprovalRequest? publication, ApprovalProfile profile, PortalText t)
    {
        // How far the API has come: 0 draft, 1..n waiting in stage n, n+1 approved or beyond.
        var stages = profile.Stages.Count;
        var reached = api.Status switch
        {
            ApiStatus.Draft => 0,
            ApiStatus.Submitted => 1 + (publication?.StageIndex ?? 0),
            _ => stages + 1,
        };
        var steps = new List<Step> { new(t["stage.Draft"], reached == 0 ? StepState.Current : StepState.Done) };
        for (var i = 0; i < stages; i++)
            steps.Add(new Step(profile.Stages[i].Name, State(i + 1, reached), ExpectedActor(profile.Stages[i], t)));
        var last = api.Status switch
        {
            ApiStatus.Published => t["stage.Published"],
            ApiStatus.Approved or ApiStatus.Draft or ApiStatus.Submitted => t["stage.Published"],
            _ => t["apiStatus." + api.Status],
        };
        steps.Add(new Step(last, reached == stages + 1 ? StepState.Current : StepState.Ahead));
        if (api.Status == ApiStatus.Published)
            steps[^1] = steps[^1] with { State = StepState.Done };
        return steps;
    }

    /// <summary>A request from its submission through the stages of its profile to its outcome.</summary>
    public static IReadOnlyList<Step> ForRequest(ApprovalRequest request, ApprovalProfile profile, PortalText t)
    {
        var steps = new List<Step> { new(t.Format("approvals.stepProposed", request.SubmittedByName), StepState.Done) };
        for (var i = 0; i < profile.Stages.Count; i++)
            steps.Add(new Step(profile.Stages[i].Name, State(i + 1, request.StageIndex + 1), ExpectedActor(profile.Stages[i], t)));
        steps.Add(new Step(t[request.Kind == ApprovalRequestKind.Change ? "approvals.stepInForce" : "stage.Published"], StepState.Ahead));
        return steps;
    }

    private static StepState State(int step, int reached) => step < reached ? StepState.Done : step == reached ? StepState.Current : StepState.Ahead;

    /// <summary>Who is expected to act on a stage, in the reader's language: the role, or the authority whose letter that role records.</summary>
    public static string ExpectedActor(ApprovalStage stage, PortalText t)
    {
        var roles = string.Join(" / ", stage.DecidedBy.Select(r => t["role." + r]));
        return stage.ExternalAuthority is { } authority ? t.Format("approval.expectedExternal", authority, roles) : roles;
    }
}
