using SpbeConnector.Audit;
namespace SpbeConnector.Policies.Audit.Exchange;

/// <summary>
/// One file of a multipart upload (Pasal 60 ayat (2) huruf d: a hash of every file transferred): the form field, its
/// declared content type, SHA-256 and length. The file name is not kept: it may itself be exempt information.
/// </summary>
public sealed record FileDigest(string Field, string? ContentType, byte[] Sha256, long Length);
