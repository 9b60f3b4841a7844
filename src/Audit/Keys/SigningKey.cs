using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SpbeConnector.Audit.Keys;

/// <summary>
/// A private key the audit log signs with (checkpoints or receipts), its certificate and its public identity: the
/// DER SubjectPublicKeyInfo, the RFC 7638 JWK thumbprint used as key id, and the 4-byte key hint of signed notes.
/// ECDSA (P-256, P-384) or RSA (2048 bits or more, PKCS#1 v1.5), so that a certificate from the national CA fits.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private readonly ECDsa? _ecdsa;
    private readonly RSA? _rsa;

    public SigningKey(string purpose, X509Certificate2 certificate)
    {
        Purpose = purpose;
        Certificate = certificate;
        _ecdsa = certificate.GetECDsaPrivateKey();
        _rsa = _ecdsa is null ? certificate.GetRSAPrivateKey() : null;
        if (_ecdsa is null && _rsa is null)
            throw new InvalidOperationException($"The {purpose} certificate ({certificate.Subject}) has no usable ECDSA or RSA private key.");
        if (_rsa is not null && _rsa.KeySize < 2048)
            throw new InvalidOperationException($"The {purpose} RSA key has {_rsa.KeySize} bits; at least 2048 are required.");
        if (_ecdsa is not null && _ecdsa.KeySize is not (256 or 384))
            throw new InvalidOperationException($"The {purpose} ECDSA key is on a {_ecdsa.KeySize}-bit curve; use P-256 or P-384.");
        SubjectPublicKeyInfo = _ecdsa?.ExportSubjectPublicKeyInfo() ?? _rsa!.ExportSubjectPublicKeyInfo();
        KeyId = PublicKeys.Thumbprint(SubjectPublicKeyInfo);
        KeyHint = PublicKeys.NoteKeyHint(SubjectPublicKeyInfo);
    }

    public string Purpose { get; }
    public X509Certificate2 Certificate { get; }
    public byte[] SubjectPublicKeyInfo { get; }

    /// <summary>RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key.</summary>
    public string KeyId { get; }

    /// <summary>The first 4 bytes of SHA-256 of the SubjectPublicKeyInfo: the key hint of a signed-note signature.</summary>
    public byte[] KeyHint { get; }

    /// <summary>The ECDSA key, for signatures whose format is fixed by a protocol (RFC 9421 receipts).</summary>
    public ECDsa? Ecdsa => _ecdsa;

    /// <summary>Signs with the key's natural algorithm: ECDSA with SHA-256 (P-256) or SHA-384 (P-384) in DER, or RSA PKCS#1 v1.5 SHA-256.</summary>
    public byte[] SignDer(ReadOnlySpan<byte> data) =>
        _ecdsa is not null
            ? _ecdsa.SignData(data, _ecdsa.KeySize == 384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
            : _rsa!.SignData(data.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public void Dispose()
    {
        _ecdsa?.Dispose();
        _rsa?.Dispose();
        Certificate.Dispose();
    }
}
