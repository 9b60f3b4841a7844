using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SpbeConnector.Audit.Keys;

namespace SpbeConnector.Audit.Documents;

/// <summary>
/// Signs a document the installation hands to a reviewer (the compliance report, Pasal 59 ayat (2) huruf a) with the
/// audit log's checkpoint key: the key whose certificate an operator can take from a certification authority (Pasal
/// 60 ayat (2) huruf a asks for a certified electronic signature), and whose public part the audit log already
/// publishes. The signature is over the exact bytes shown, so what a reviewer was given can be proven later. No
/// confusion with checkpoints is possible: a checkpoint is a signed note of fixed text lines, never a JSON or HTML
/// document.
/// </summary>
public sealed class DocumentSigner(AuditKeys keys)
{
    /// <summary>The certificate of the signing key, in PEM, for the reviewer who verifies.</summary>
    public string CertificatePem => keys.CheckpointKey.Certificate.ExportCertificatePem();

    public DocumentSignature Sign(ReadOnlySpan<byte> document)
    {
        var key = keys.CheckpointKey;
        return new DocumentSignature(key.SignDer(document), key.KeyId, key.Ecdsa is { KeySize: 384 } ? "sha384" : "sha256", CertificatePem);
    }

    /// <summary>
    /// Whether <paramref name="signature"/> is a signature of <paramref name="document"/> by the key of the certificate
    /// in <paramref name="certificatePem"/>. Says nothing of who holds that certificate: the verifier compares its key
    /// id with the installation's published checkpoint keys, or its chain with the CA it trusts.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> document, ReadOnlySpan<byte> signature, string certificatePem, out string keyId)
    {
        keyId = "";
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(certificatePem);
            var spki = certificate.PublicKey.ExportSubjectPublicKeyInfo();
            keyId = PublicKeys.Thumbprint(spki);
            return PublicKeys.VerifyDer(spki, document, signature);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
