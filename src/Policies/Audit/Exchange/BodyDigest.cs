using SpbeConnector.Audit;
namespace SpbeConnector.Policies.Audit.Exchange;

/// <summary>The SHA-256 and length of a body or of an uploaded file (the content itself is never stored).</summary>
public sealed record BodyDigest(byte[] Sha256, long Length);
