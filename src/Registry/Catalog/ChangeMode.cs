namespace SpbeConnector.Registry.Catalog;

/// <summary>How <see cref="ApiCatalog"/> treats a change of an API's settings (see its <c>ChangeAsync</c>).</summary>
internal enum ChangeMode
{
    /// <summary>Apply it, if the API is neither live nor in review.</summary>
    DraftOnly,
    /// <summary>Check it against every rule and store nothing (a change request being made).</summary>
    CheckOnly,
    /// <summary>Apply an approved change request to a live API.</summary>
    ApplyApproved,
}
