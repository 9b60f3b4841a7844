using SpbeConnector.Audit.Storage;
using SpbeConnector.Portal.Rendering;

namespace SpbeConnector.Portal.SecurityView;

/// <summary>What the audit list page shows: the chain's state, the alerts (attacks apart from service level), the filters with their problems, one page of lines.</summary>
public sealed record AuditListModel(
    FormErrors Errors,
    string Zone,
    IReadOnlyList<AuditEntry> Entries,
    string? OlderHref,
    string FilterQuery,
    StoredCheckpoint? Checkpoint,
    IReadOnlyList<AlertView> AttackAlerts,
    IReadOnlyList<AlertView> ServiceLevelAlerts);
