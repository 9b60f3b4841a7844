using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// A change of an API's settings: its registration fields (upstreams, document, classification, public mark, scopes),
/// its validation and file settings, its CORS settings, its registration profile (owner contact, PSE registration
/// number, SLA target, plans offered); the parts left null stay as they are. Held by a change request until approved.
/// </summary>
public sealed record ProposedChange(ApiUpdate? Api = null, ApiValidationSettings? Validation = null, ApiCorsSettings? Cors = null, ApiProfileUpdate? Profile = null);
