using SpbeConnector.Audit.Documents;
using SpbeConnector.Portal.Compliance;
using SpbeConnector.Gateway.AdminApi;
using SpbeConnector.Registry.Compliance;

namespace SpbeConnector.Gateway.Compliance;

/// <summary>
/// <c>GET /admin/v1/compliance</c>: the compliance report of this installation as JSON (Pasal 59 ayat (2) huruf a),
/// the same object the command line prints, behind the administrator credential like the rest of the admin API; its
/// digest is in the response's Content-Digest and in the audit log (<see cref="ServedComplianceReport"/>).
/// </summary>
public static class ComplianceAdminEndpoints
{
    public static void MapComplianceAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGatewayAdminGroup("Compliance");
        group.MapGet("/compliance", (HttpContext http, ServedComplianceReport served, CancellationToken ct) => served.ServeAsync(http, "admin", ct))
            .WithName("GetComplianceReport")
            .WithSummary("Every item of Pasal 59 and 60 of the regulation judged on this installation's live settings and state")
            .Produces<ComplianceReport>(StatusCodes.Status200OK);
        // The certificate of the key that signs the served report (the audit log's checkpoint key), so that a reviewer
        // checks the signature header with openssl alone (docs/compliance.md, "Verifying a report").
        group.MapGet("/compliance/certificate", (DocumentSigner signer) => Results.Text(signer.CertificatePem, "application/x-pem-file"))
            .WithName("GetComplianceSigningCertificate")
            .WithSummary("The PEM certificate of the audit key that signs the compliance report (header Spbe-Report-Signature)")
            .Produces(StatusCodes.Status200OK, contentType: "application/x-pem-file");
        // The CycloneDX SBOM of the running build (Pasal 59 ayat (12) huruf b), byte for byte as scripts/sbom.sh wrote
        // it, with its SHA-256 as Content-Digest (RFC 9530), the digest the report names.
        group.MapGet("/sbom", (HttpContext http, SbomFile sbom) =>
            {
                if (sbom.Read() is not { } found)
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No SBOM installed",
                        detail: "This installation has no software bill of materials; the operator makes one with scripts/sbom.sh.");
                http.Response.Headers["Content-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(found.Sha256))}:";
                return Results.Bytes(found.Content, SbomFile.MediaType);
            })
            .WithName("GetSbom")
            .WithSummary("The CycloneDX SBOM (JSON) of the running build, with its SHA-256 as Content-Digest")
            .Produces(StatusCodes.Status200OK, contentType: SbomFile.MediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
