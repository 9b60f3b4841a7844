namespace SpbeConnector.Registry.AdminApi;

/// <summary>The review after the fact of an emergency act: whether it was justified and what follows.</summary>
public sealed record EmergencyActReview(string? Notes);
