using SpbeConnector.Portal.Approvals;
using SpbeConnector.Portal.Onboarding;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Catalog;

namespace SpbeConnector.Portal.Components.Onboarding;

/// <summary>
/// The review page of one API: its onboarding record, the approval profile its lifecycle follows, the requests waiting
/// on it, its evidence dossier and the standing rules it breaks, the operations of its document and what changed since
/// the revision approved, the problems of the form just posted, and the outcome of the action just taken (POST-redirect-GET).
/// </summary>
public sealed record ApiReviewModel(
    OnboardingRecord Record,
    ApprovalProfile Profile,
    IReadOnlyList<PendingRequestView> Pending,
    ApiDossier? Dossier,
    IReadOnlyDictionary<string, string[]> Violations,
    IReadOnlyList<DocumentOperation> Operations,
    DocumentOperationDiff? Diff,
    FormErrors Errors,
    PortalNotice.Message? Notice = null);
