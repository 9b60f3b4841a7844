using System.Formats.Cbor;

namespace SpbeConnector.Audit.Receipts;

/// <summary>
/// The RFC 9942 encoding of a receipt of inclusion in an RFC 9162 (SHA-256) tree: a tagged COSE_Sign1 whose protected
/// header says the verifiable data structure (label 395 = 1, RFC9162_SHA256), whose payload is detached (it is the tree
/// root, which the verifier computes from the leaf and the path), and whose unprotected header holds the proofs
/// (label 396) with one inclusion proof (-1): the bstr-wrapped CBOR array [tree size, leaf index, [path...]].
/// The signature covers the protected header and the root only, so one signature serves every leaf of the tree.
/// </summary>
public static class CoseReceipt
{
    public const int VerifiableDataStructureLabel = 395;
    public const int VerifiableDataProofsLabel = 396;
    public const int InclusionProofLabel = -1;
    public const int Rfc9162Sha256 = 1;

    /// <summary>The CWT claims header parameter (RFC 9597): issuer and time of the signature.</summary>
    public const int CwtClaimsLabel = 15;

    private const ulong Sign1Tag = 18;

    /// <summary>One leaf's receipt, from the tree head's signed protected header and signature.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> protectedHeader, ReadOnlySpan<byte> signature, long treeSize, long leafIndex, IReadOnlyList<byte[]> path)
    {
        var proof = new CborWriter();
        proof.WriteStartArray(3);
        proof.WriteInt64(treeSize);
        proof.WriteInt64(leafIndex);
        proof.WriteStartArray(path.Count);
        foreach (var node in path)
            proof.WriteByteString(node);
        proof.WriteEndArray();
        proof.WriteEndArray();

        var cose = new CborWriter();
        cose.WriteTag((CborTag)Sign1Tag);
        cose.WriteStartArray(4);
        cose.WriteByteString(protectedHeader);
        cose.WriteStartMap(1);
        cose.WriteInt32(VerifiableDataProofsLabel);
        cose.WriteStartMap(1);
        cose.WriteInt32(InclusionProofLabel);
        cose.WriteStartArray(1);
        cose.WriteByteString(proof.Encode());
        cose.WriteEndArray();
        cose.WriteEndMap();
        cose.WriteEndMap();
        cose.WriteNull();
        cose.WriteByteString(signature);
        cose.WriteEndArray();
        return cose.Encode();
    }

    /// <summary>Reads the inclusion proof out of a receipt's unprotected header value (label 396).</summary>
    public static (long TreeSize, long LeafIndex, List<byte[]> Path) ReadInclusionProof(ReadOnlyMemory<byte> proofsValue)
    {
        var proofs = new CborReader(proofsValue);
        var count = proofs.ReadStartMap();
        byte[]? encoded = null;
        for (var i = 0; i < count; i++)
        {
            var label = proofs.ReadInt32();
            if (label != InclusionProofLabel)
            {
                proofs.SkipValue();
                continue;
            }
            var length = proofs.ReadStartArray();
            if (length != 1)
                throw new FormatException("A receipt must carry exactly one inclusion proof.");
            encoded = proofs.ReadByteString();
            proofs.ReadEndArray();
        }
        proofs.ReadEndMap();
        if (encoded is null)
            throw new FormatException("The receipt carries no inclusion proof (label -1 of header parameter 396).");

        var reader = new CborReader(encoded);
        if (reader.ReadStartArray() != 3)
            throw new FormatException("An inclusion proof is [tree size, leaf index, path].");
        var treeSize = reader.ReadInt64();
        var leafIndex = reader.ReadInt64();
        var nodes = reader.ReadStartArray() ?? throw new FormatException("The inclusion path must have a definite length.");
        var path = new List<byte[]>(nodes);
        for (var i = 0; i < nodes; i++)
            path.Add(reader.ReadByteString());
        reader.ReadEndArray();
        reader.ReadEndArray();
        return (treeSize, leafIndex, path);
    }
}
