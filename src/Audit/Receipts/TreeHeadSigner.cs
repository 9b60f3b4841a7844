using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpbeConnector.Audit.Keys;
using SpbeConnector.Audit.Tree;

namespace SpbeConnector.Audit.Receipts;

/// <summary>
/// Signs tree heads for batched receipts, the way the log's writer commits groups: the writer hands over each group as
/// soon as it is durable; this signer, whenever it is free, takes every group handed over since its last signature,
/// signs the newest tree head once (ECDSA P-256 with the receipt key, as an RFC 9942 COSE_Sign1 over the root) and
/// gives each waiting receipt record its own inclusion path under that one signature. An idle gateway waits for one
/// signature; a busy one shares each signature among every response that arrived while the previous one was made.
/// Only durable heads are ever signed (strict mode's promise extends to receipts: a receipt is for the durable log).
/// </summary>
public sealed partial class TreeHeadSigner : IDisposable
{
    private readonly SigningKey _key;
    private readonly string _issuer;
    private readonly TimeProvider _time;
    private readonly ILogger<TreeHeadSigner> _logger;
    private readonly ECDsa _ecdsa;
    private readonly object _gate = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private List<DurableGroup> _queue = [];
    private Thread? _thread;
    private bool _stopping;
    private long _headsSigned;
    private long _receiptsIssued;

    public TreeHeadSigner(AuditKeys keys, IOptions<AuditOptions> options, TimeProvider time, ILogger<TreeHeadSigner> logger)
    {
        _key = keys.ReceiptKey;
        _issuer = options.Value.Origin;
        _time = time;
        _logger = logger;
        // A copy of its own: the RFC 9421 signer's per-thread copies never meet this thread.
        _ecdsa = ECDsa.Create();
        _ecdsa.ImportPkcs8PrivateKey(_key.Ecdsa!.ExportPkcs8PrivateKey(), out _);
        Enabled = options.Value.Receipts is { Enabled: true, Mode: ReceiptMode.Batched } && options.Value.Mode != AuditMode.Off;
    }

    /// <summary>Whether responses get batched receipts (receipts on, mode Batched, and an audit log to prove inclusion in).</summary>
    public bool Enabled { get; }

    /// <summary>How many tree heads were signed: under load, far fewer than <see cref="ReceiptsIssued"/>.</summary>
    public long HeadsSigned => Interlocked.Read(ref _headsSigned);

    public long ReceiptsIssued => Interlocked.Read(ref _receiptsIssued);

    public string KeyId => _key.KeyId;

    /// <summary>Called by the log's writer thread once a group is durable, in the order of the log.</summary>
    public void OnDurable(DurableGroup group)
    {
        lock (_gate)
        {
            if (_stopping)
            {
                foreach (var receipt in group.Receipts)
                    receipt.Fail(new Logging.AuditUnavailableException("The gateway is stopping; no more receipts are signed."));
                return;
            }
            _queue.Add(group);
            _thread ??= StartThread();
        }
        _wake.Set();
    }

    private Thread StartThread()
    {
        var thread = new Thread(SignerLoop) { IsBackground = true, Name = "audit-receipt-signer" };
        thread.Start();
        return thread;
    }

    private void SignerLoop()
    {
        while (true)
        {
            _wake.Wait();
            _wake.Reset();
            List<DurableGroup> groups;
            bool stopping;
            lock (_gate)
            {
                groups = _queue;
                _queue = [];
                stopping = _stopping;
            }
            if (groups.Count > 0)
                SignRound(groups);
            if (stopping)
                return;
        }
    }

    /// <summary>One signature for the newest head, one inclusion path per waiting receipt.</summary>
    private void SignRound(List<DurableGroup> groups)
    {
        var receipts = new List<PendingReceipt>();
        var leaves = new List<byte[]>();
        foreach (var group in groups)
        {
            receipts.AddRange(group.Receipts);
            leaves.AddRange(group.Leaves);
        }
        if (receipts.Count == 0)
            return;
        var head = groups[^1];
        try
        {
            var (protectedHeader, signature) = SignHead(head.Root);
            var paths = new InclusionPathBuilder(groups[0].FirstLeaf, leaves);
            if (paths.TreeSize != head.TreeSize)
                throw new InvalidOperationException($"The groups handed over cover leaves {groups[0].FirstLeaf} to {paths.TreeSize - 1}, not up to the head of {head.TreeSize}.");
            for (var i = 0; i < receipts.Count; i++)
            {
                var receipt = receipts[i];
                var path = paths.Path(receipt.LeafIndex, receipt.LeftSiblings);
                // The first path of each round is checked against the signed root: a fault in the paths would show at once.
                if (i == 0 && !MerkleProofVerifier.VerifyInclusion(receipt.LeafIndex, head.TreeSize, MerkleHash.Leaf(receipt.Entry), path, head.Root))
                    throw new InvalidOperationException($"The inclusion path of record {receipt.LeafIndex} does not lead to the root of the tree of {head.TreeSize}.");
                receipt.Complete(new InclusionReceipt(CoseReceipt.Encode(protectedHeader, signature, head.TreeSize, receipt.LeafIndex, path), receipt.Entry, head.TreeSize));
            }
            Interlocked.Increment(ref _headsSigned);
            Interlocked.Add(ref _receiptsIssued, receipts.Count);
        }
        catch (Exception ex) when (ex is CryptographicException or InvalidOperationException or ArgumentException)
        {
            LogSignFailed(ex, head.TreeSize, receipts.Count);
            var reason = new Logging.AuditUnavailableException("The receipt could not be signed.");
            foreach (var receipt in receipts)
                receipt.Fail(reason);
        }
    }

    /// <summary>The COSE_Sign1 over the root (detached payload): its protected header bytes and its signature.</summary>
    private (byte[] ProtectedHeader, byte[] Signature) SignHead(byte[] root)
    {
        var claims = new CborWriter();
        claims.WriteStartMap(2);
        claims.WriteInt32(1); // iss
        claims.WriteTextString(_issuer);
        claims.WriteInt32(6); // iat
        claims.WriteInt64(_time.GetUtcNow().ToUnixTimeSeconds());
        claims.WriteEndMap();
        var protectedHeaders = new CoseHeaderMap
        {
            [CoseHeaderLabel.KeyIdentifier] = CoseHeaderValue.FromBytes(Encoding.UTF8.GetBytes(_key.KeyId)),
            [new CoseHeaderLabel(CoseReceipt.VerifiableDataStructureLabel)] = CoseHeaderValue.FromInt32(CoseReceipt.Rfc9162Sha256),
            [new CoseHeaderLabel(CoseReceipt.CwtClaimsLabel)] = CoseHeaderValue.FromEncodedValue(claims.Encode()),
        };
        var signer = new CoseSigner(_ecdsa, HashAlgorithmName.SHA256, protectedHeaders);
        var message = CoseMessage.DecodeSign1(CoseSign1Message.SignDetached(root, signer));
        return (message.RawProtectedHeaders.ToArray(), message.Signature.ToArray());
    }

    /// <summary>Signs what was handed over, then stops taking groups (after the log's writer has stopped).</summary>
    public void Stop()
    {
        Thread? thread;
        lock (_gate)
        {
            _stopping = true;
            thread = _thread;
        }
        _wake.Set();
        thread?.Join(TimeSpan.FromSeconds(5));
    }

    public void Dispose()
    {
        Stop();
        _ecdsa.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not sign the tree head of {TreeSize} records for {Receipts} receipts; those responses are answered without a receipt (async mode) or refused with 503 (strict mode). Check the receipt key (Audit:ReceiptKey)")]
    private partial void LogSignFailed(Exception ex, long treeSize, int receipts);
}
