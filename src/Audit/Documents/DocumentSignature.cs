namespace SpbeConnector.Audit.Documents;

/// <summary>
/// A detached signature over a whole document, as its bytes were handed out: the signature (DER for ECDSA, PKCS#1
/// v1.5 for RSA), the key id (RFC 7638 thumbprint, as the audit log names its keys), the digest the signature is
/// made over as OpenSSL names it (<c>sha256</c> or <c>sha384</c>), and the signing certificate in PEM, so that
/// <c>openssl dgst -verify</c> checks it without this product.
/// </summary>
public sealed record DocumentSignature(byte[] Signature, string KeyId, string DigestName, string CertificatePem);
