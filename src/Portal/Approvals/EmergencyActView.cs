using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Approvals;

/// <summary>An emergency act awaiting its review after the fact, with the API it stopped when it was about one.</summary>
public sealed record EmergencyActView(EmergencyAct Act, Api? Api);
