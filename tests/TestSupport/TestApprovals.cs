using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.TestSupport;

/// <summary>
/// The named people tests act as on the approval workflow of an in-process gateway: the same <see cref="ApprovalWorkflow"/>
/// the admin API and the portal call, each stage decided by its own reviewer (four eyes holds), an external stage with a
/// test letter, a subscription decided by the API's OPD's decider. Tests about everything but approvals set their APIs
/// and subscriptions up through it; tests about approvals act as these people on purpose.
/// </summary>
public sealed class TestApprovals(IServiceProvider services)
{
    public ApprovalWorkflow Workflow => services.GetRequiredService<ApprovalWorkflow>();

    public static ActorIdentity Person(string name, PortalRole role, string? opd = null) => new(AdministrativeActor.Person(name), name, new HashSet<PortalRole> { role }, opd);

    public static ActorIdentity SecurityReviewer { get; } = Person("uji-keamanan", PortalRole.SecurityReviewer);

    /// <summary>A reviewer holding the stage's roles, named after it.</summary>
    public static ActorIdentity ReviewerFor(ApprovalStage stage) => new(AdministrativeActor.Person("uji-peninjau-" + stage.Key), "uji-peninjau-" + stage.Key, stage.DecidedBy.ToHashSet(), null);

    public static ExternalDecisionLetter LetterFor(ApprovalStage stage) => new($"B-{stage.Key.ToUpperInvariant()}/UJI/2026", new DateOnly(2026, 12, 1), stage.ExternalAuthority,
        "surat-keputusan.pdf", "application/pdf", System.Text.Encoding.UTF8.GetBytes("%PDF-1.4 surat uji " + stage.Key));

    /// <summary>Decides every remaining stage of a request, each by its own reviewer.</summary>
    public async Task ApproveEveryStageAsync(ApprovalRequest request)
    {
        var profile = Workflow.ProfileOf(request);
        for (var i = request.StageIndex; i < profile.Stages.Count; i++)
        {
            var stage = profile.Stages[i];
            await Workflow.DecideAsync(ReviewerFor(stage), request.Id, new ApprovalDecisionInput(true, null, Letter: stage.IsExternal ? LetterFor(stage) : null), CancellationToken.None);
        }
    }

    /// <summary>Takes a pending request (the one on the API) through every stage.</summary>
    public async Task ApprovePendingAsync(Guid apiId) =>
        await ApproveEveryStageAsync(await Workflow.FindPendingAsync(apiId, CancellationToken.None) ?? throw new InvalidOperationException("No request is pending on the API."));

    /// <summary>The API's OPD's subscription decider under the profile in force approves.</summary>
    public async Task ApproveSubscriptionAsync(Guid subscriptionId)
    {
        var subscription = await services.GetRequiredService<SubscriptionCatalog>().FindSubscriptionAsync(subscriptionId, CancellationToken.None)
            ?? throw new InvalidOperationException("No such subscription.");
        var decider = Workflow.CurrentProfile.SubscriptionDecider;
        await Workflow.DecideSubscriptionAsync(Person("uji-pemutus-" + subscription.Api!.Opd!.Code, decider, subscription.Api.Opd.Code), subscriptionId, true, null, CancellationToken.None);
    }

    /// <summary>A security reviewer's waiver for a test API without an OpenAPI document (tests about everything but validation).</summary>
    public Task RecordWaiverAsync(Guid apiId, DateTimeOffset now) =>
        Workflow.RecordValidationWaiverAsync(SecurityReviewer, apiId, new ValidationWaiverInput("Test API without an OpenAPI document", now.AddDays(180)), CancellationToken.None);
}
