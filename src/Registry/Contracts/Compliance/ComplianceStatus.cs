using System.Text.Json.Serialization;

namespace SpbeConnector.Registry.Contracts.Compliance;

/// <summary>How far this installation meets one item of the regulation. Ordered from worst to best for the evaluator.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComplianceStatus>))]
public enum ComplianceStatus
{
    [JsonStringEnumMemberName("not_met")] NotMet,
    [JsonStringEnumMemberName("partial")] Partial,
    [JsonStringEnumMemberName("met")] Met,
    /// <summary>The item binds the organisation or another layer (network, host, workstation), not this software.</summary>
    [JsonStringEnumMemberName("not_applicable")] NotApplicable,
}
