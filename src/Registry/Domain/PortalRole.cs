namespace SpbeConnector.Registry.Domain;

/// <summary>
/// What a portal account may do. The roles are kept apart (Pasal 59 ayat (6) huruf a and c: authorization defined per
/// user, the administrator side controlled): reviewers do not publish, publishers do not review, the auditor only reads.
/// </summary>
public enum PortalRole
{
    /// <summary>Diskominfo's platform administrator: accounts, OPDs, password recovery.</summary>
    PlatformAdministrator,
    /// <summary>Registers and submits the APIs of one OPD, and decides on subscriptions to them.</summary>
    ApiPublisher,
    /// <summary>Registers the applications of one OPD and asks for subscriptions.</summary>
    ApplicationDeveloper,
    /// <summary>Decides on the operational feasibility of submitted APIs (kelaikan operasi).</summary>
    OperationalReviewer,
    /// <summary>Decides on the security feasibility of submitted APIs (kelaikan keamanan).</summary>
    SecurityReviewer,
    /// <summary>Reads the audit log and the anti-automation alerts; changes nothing.</summary>
    SecurityAuditor,
    /// <summary>
    /// Decides on subscriptions to the APIs of one OPD as the owner of its data, where the approval profile names the data
    /// owner (REG-11; Batu Bara Pasal 14 ayat (11), Bogor Pasal 16 ayat (2)).
    /// </summary>
    DataOwner,
}
