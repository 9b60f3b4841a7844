namespace SpbeConnector.Audit.Receipts;

/// <summary>
/// A batched receipt: the record it proves (<see cref="Entry"/>, the leaf data) and the RFC 9942 COSE receipt (a
/// COSE_Sign1 by the receipt key over the root of a tree of <see cref="TreeSize"/> leaves, with the record's RFC 9162
/// inclusion path in its unprotected header).
/// </summary>
public sealed record InclusionReceipt(byte[] Cose, byte[] Entry, long TreeSize);
