namespace SpbeConnector.Registry.Approvals;

/// <summary>
/// The approval profile in force (<c>Portal:ApprovalProfile</c>: one of <see cref="BuiltInApprovalProfiles"/> or a name
/// under <c>Portal:CustomApprovalProfiles</c>), read from the portal's section because the region sets it with the
/// portal's other settings. Checked at start by <see cref="ApprovalOptionsValidation"/>.
/// </summary>
public sealed class ApprovalOptions
{
    public const string Section = "Portal";

    public string ApprovalProfile { get; set; } = BuiltInApprovalProfiles.Default;

    /// <summary>Profiles a region defines for itself (GOV-09: the head of Diskominfo sets further technical rules).</summary>
    public Dictionary<string, CustomApprovalProfile> CustomApprovalProfiles { get; set; } = new(StringComparer.Ordinal);
}
