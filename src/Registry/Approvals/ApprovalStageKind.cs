namespace SpbeConnector.Registry.Approvals;

/// <summary>What a stage of the feasibility review considers (GOV-01).</summary>
public enum ApprovalStageKind
{
    /// <summary>Operational feasibility (kelaikan operasi).</summary>
    Operational,
    /// <summary>Security feasibility (kelaikan keamanan).</summary>
    Security,
    /// <summary>Both in one decision (Batu Bara, Bogor: one consideration from Diskominfo or Dinas).</summary>
    Combined,
}
