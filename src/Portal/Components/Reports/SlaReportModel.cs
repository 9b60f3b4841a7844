using SpbeConnector.Policies.Sla;

namespace SpbeConnector.Portal.Components.Reports;

/// <summary>The SLA report as the user may see it (their OPD's only when <see cref="OwnOpd"/> is set), over one window.</summary>
public sealed record SlaReportModel(SlaReport Report, SlaWindow Window, string? OwnOpd);
