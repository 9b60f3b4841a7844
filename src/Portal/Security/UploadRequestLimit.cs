using Microsoft.AspNetCore.Http.Metadata;

namespace SpbeConnector.Portal.Security;

/// <summary>
/// Marks a portal form that carries a file: its request may be larger than the gateway's body limit
/// (<c>ConnectionHardening</c>, 10 MiB), so that a file over the document limit (4 MiB) still arrives whole with the
/// form's other fields and the page can say what is wrong while keeping what was typed. <see cref="PortalRequestFilter"/>
/// applies it before the form is read.
/// </summary>
public sealed record UploadRequestLimit(long MaxRequestBodySize) : IRequestSizeLimitMetadata
{
    /// <summary>64 MiB: ample for an OpenAPI upload a person mistakes (a 40 MB file), bounded against abuse.</summary>
    public static UploadRequestLimit Default { get; } = new(64L * 1024 * 1024);

    long? IRequestSizeLimitMetadata.MaxRequestBodySize => MaxRequestBodySize;
}
