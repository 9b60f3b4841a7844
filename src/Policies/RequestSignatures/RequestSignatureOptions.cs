using System.ComponentModel.DataAnnotations;

namespace SpbeConnector.Policies.RequestSignatures;

/// <summary>Signed requests (RFC 9421) as proof of origin (section <c>RequestSignatures</c>).</summary>
public sealed class RequestSignatureOptions
{
    public const string Section = "RequestSignatures";

    /// <summary>APIs (<c>opd/api/version</c>) whose clients must sign every request. Any signed request is verified.</summary>
    public string[] RequiredForApis { get; set; } = [];

    /// <summary>How old a signature's <c>created</c> may be (and how far in the future), against replay.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Client keys by key id, until the client registry holds them: <c>ClientId</c> and a PEM <c>PublicKey</c>.</summary>
    public Dictionary<string, ConfiguredClientKey> Keys { get; set; } = [];
}
