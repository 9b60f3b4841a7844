namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// The registration facts of an API kept beside its routed settings (<see cref="Domain.ApiProfile"/>): who answers for
/// it (REG-01), its PSE registration number (REG-04), the availability its OPD promises (at least 95%, Pasal 60 ayat (3)
/// huruf m), the plans it offers subscribers (by the registry's plan names) and its catalog tags. All but the tags are
/// required: the whole profile is replaced. Security-relevant (issue 18): on a live API it changes only through an
/// approved change request.
/// </summary>
public sealed record ApiProfileUpdate(
    string? OwnerContact,
    string? PseRegistrationNumber,
    decimal? SlaTargetPercent,
    IReadOnlyList<string>? Plans,
    IReadOnlyList<string>? Tags = null);
