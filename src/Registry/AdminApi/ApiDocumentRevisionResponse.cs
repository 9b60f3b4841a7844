using System.Security.Cryptography;
using System.Text;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>One revision of an API's OpenAPI document, without its text (read that from the revision's own endpoint).</summary>
public sealed record ApiDocumentRevisionResponse(int Revision, string Format, string OpenApiVersion, string Sha256, int Length, DateTimeOffset CreatedAt)
{
    public static ApiDocumentRevisionResponse From(ApiDocumentRevision r) => new(
        r.Revision, r.Format, r.OpenApiVersion, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(r.Content))), r.Content.Length, r.CreatedAt);
}
