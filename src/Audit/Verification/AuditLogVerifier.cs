using System.Text;
using SpbeConnector.Audit.Checkpoints;
using SpbeConnector.Audit.Logging;
using SpbeConnector.Audit.Storage;
using SpbeConnector.Audit.Tree;

namespace SpbeConnector.Audit.Verification;

/// <summary>
/// Verifies an audit log offline, trusting nothing it reads (Pasal 59 ayat (9) huruf e: logs protected from
/// modification, and provably so): every checkpoint's signature, number and order; every record's content against the
/// hash written with it and against the sequence number it carries; the root of the tree rebuilt from the records at
/// every checkpoint's size (which also proves each checkpoint consistent with every earlier one); consistency proofs an
/// archive carries; time-stamp tokens; in a store, every indexed column against the record it indexes. It names the
/// first record modified, removed, inserted or reordered, and each column altered.
///
/// A change made together with a rewritten stored hash is still caught by the first checkpoint after it; the verifier
/// then names the record when the change left a trace in the sequence (removal, insertion, reordering) and otherwise
/// the range between the last matching checkpoint and that one.
/// </summary>
public sealed class AuditLogVerifier(IReadOnlyCollection<byte[]>? pinnedKeys = null, string? timestampTrustPath = null)
{
    public async Task<VerificationReport> VerifyAsync(IAuditLogSource source, CancellationToken ct = default)
    {
        if (source is Archive.ExportFileSource export)
            return await VerifyExportAsync(export, ct);
        var findings = new List<VerificationFinding>();
        var notes = new List<string>();
        IReadOnlyList<StoredKey> keys;
        IReadOnlyList<StoredCheckpoint> stored;
        StoredCheckpoint? start;
        try
        {
            keys = await source.ReadKeysAsync(ct);
            stored = await source.ReadCheckpointsAsync(ct);
            start = await source.ReadStartAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Unreadable(source, ex);
        }

        var checkpointKeys = keys.Where(k => k.Purpose == Keys.AuditKeys.CheckpointPurpose).ToList();
        if (pinnedKeys is { Count: > 0 })
        {
            var pinned = checkpointKeys.Where(k => pinnedKeys.Any(p => p.AsSpan().SequenceEqual(k.SubjectPublicKeyInfo))).ToList();
            if (pinned.Count == 0 && stored.Count > 0)
                findings.Add(new VerificationFinding(FindingKind.CheckpointInvalid, null,
                    "None of the log's checkpoint keys is the pinned key: the checkpoints were signed by another key (the log may have been re-signed)."));
            checkpointKeys = pinned;
        }
        else
        {
            notes.Add("Checkpoint keys were taken from the log itself; pin the key (--trusted-key) to detect a log re-signed with another key.");
        }

        var valid = CheckCheckpoints(stored, checkpointKeys, findings);
        var timestamps = await CheckTimestampsAsync(source, stored, findings, notes, ct);

        // Where the records begin: the first record, or the signed frontier at an archive boundary.
        var frontier = new MerkleFrontier();
        if (start is not null)
        {
            var startValid = valid.FirstOrDefault(c => c.Stored.Id == start.Id);
            if (startValid is null)
            {
                findings.Add(new VerificationFinding(FindingKind.CheckpointInvalid, start.TreeSize,
                    $"The checkpoint where the records begin (#{start.Id}, after the archived records) is not valid, so the records cannot be checked."));
                return Report(source, 0, start.TreeSize, stored.Count, valid, timestamps, findings, notes);
            }
            try
            {
                frontier = MerkleFrontier.FromBytes(start.TreeSize, start.Frontier);
            }
            catch (FormatException)
            {
                frontier = new MerkleFrontier();
            }
            if (frontier.Size != start.TreeSize || !frontier.Root().AsSpan().SequenceEqual(startValid.Note.RootHash))
            {
                findings.Add(new VerificationFinding(FindingKind.CheckpointInvalid, start.TreeSize,
                    $"The tree state kept with checkpoint #{start.Id}, where the records begin, does not give its signed root."));
                return Report(source, 0, start.TreeSize, stored.Count, valid, timestamps, findings, notes);
            }
        }

        var walk = new RecordWalk(frontier, valid.Where(c => c.Note.TreeSize > frontier.Size).ToList(), findings,
            source.HasIndexedColumns ? new IndexedColumns() : null);
        try
        {
            await foreach (var row in source.ReadRecordsAsync(ct))
                walk.Add(row);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            findings.Add(new VerificationFinding(FindingKind.Unreadable, null, $"The records could not be read to the end: {ex.Message}"));
        }
        walk.Finish();

        foreach (var proof in await source.ReadConsistencyProofsAsync(ct))
        {
            var first = valid.FirstOrDefault(c => c.Note.TreeSize == proof.FirstSize);
            var second = valid.FirstOrDefault(c => c.Note.TreeSize == proof.SecondSize);
            if (first is null || second is null)
                continue;
            if (!MerkleProofVerifier.VerifyConsistency(proof.FirstSize, proof.SecondSize, first.Note.RootHash, second.Note.RootHash, proof.Proof))
                findings.Add(new VerificationFinding(FindingKind.CheckpointMismatch, proof.SecondSize,
                    $"The consistency proof from checkpoint #{first.Stored.Id} (size {proof.FirstSize}) to #{second.Stored.Id} (size {proof.SecondSize}) does not verify."));
        }

        return Report(source, walk.Rows, frontier.Size, stored.Count, valid, timestamps, Ordered(findings), notes);
    }

    /// <summary>An export: its checkpoint's signature, then each record's hash, number and inclusion proof against it.</summary>
    private async Task<VerificationReport> VerifyExportAsync(Archive.ExportFileSource export, CancellationToken ct)
    {
        var findings = new List<VerificationFinding>();
        var notes = new List<string>();
        var keys = (await export.ReadKeysAsync(ct)).Where(k => k.Purpose == Keys.AuditKeys.CheckpointPurpose).ToList();
        if (pinnedKeys is { Count: > 0 })
            keys = keys.Where(k => pinnedKeys.Any(p => p.AsSpan().SequenceEqual(k.SubjectPublicKeyInfo))).ToList();
        else
            notes.Add("The checkpoint key was taken from the export itself; pin the log's key (--trusted-key) to know who signed it.");
        var valid = CheckCheckpoints(await export.ReadCheckpointsAsync(ct), keys, findings);
        long rows = 0;
        if (valid.Count == 1)
        {
            var checkpoint = valid[0].Note;
            foreach (var (row, inclusion) in export.RecordsWithProofs())
            {
                rows++;
                var leaf = MerkleHash.Leaf(row.Record);
                if (AuditRecordBytes.ReadSeq(row.Record) != row.Seq || !leaf.AsSpan().SequenceEqual(row.LeafHash))
                    findings.Add(new VerificationFinding(FindingKind.Modified, row.Seq, $"Record {row.Seq} was modified: its content no longer matches its number or hash."));
                else if (!MerkleProofVerifier.VerifyInclusion(row.Seq, checkpoint.TreeSize, leaf, inclusion, checkpoint.RootHash))
                    findings.Add(new VerificationFinding(FindingKind.CheckpointMismatch, row.Seq,
                        $"Record {row.Seq} is not in the log signed by checkpoint #{checkpoint.Number}: its inclusion proof does not verify."));
            }
        }
        return new VerificationReport(export.Description, rows, 0, 1, valid.Count == 1 ? valid[0].Note.TreeSize : 0,
            valid.Select(v => v.Stored.KeyId).ToList(), 0, Ordered(findings), notes) { IsExport = true };
    }

    private static List<VerificationFinding> Ordered(List<VerificationFinding> findings) =>
        findings.OrderBy(f => f.Seq ?? long.MaxValue).ThenBy(f => f.Kind).ToList();

    private List<ValidCheckpoint> CheckCheckpoints(IReadOnlyList<StoredCheckpoint> stored, IReadOnlyList<StoredKey> checkpointKeys, List<VerificationFinding> findings)
    {
        var valid = new List<ValidCheckpoint>();
        ValidCheckpoint? previous = null;
        for (var i = 0; i < stored.Count; i++)
        {
            var checkpoint = stored[i];
            var key = checkpointKeys.FirstOrDefault(k => k.KeyId == checkpoint.KeyId);
            CheckpointNote? note = null;
            string? problem = "it names a key that is not one of the log's checkpoint keys";
            if (key is not null)
                note = CheckpointNote.ParseAndVerify(checkpoint.Note, key.SubjectPublicKeyInfo, out problem);
            if (note is null)
            {
                // A note signed by another of the log's keys (after a key change) is tried too.
                foreach (var other in checkpointKeys.Where(k => k != key))
                {
                    note = CheckpointNote.ParseAndVerify(checkpoint.Note, other.SubjectPublicKeyInfo, out _);
                    if (note is not null)
                        break;
                }
            }
            if (note is null)
            {
                findings.Add(new VerificationFinding(FindingKind.CheckpointInvalid, checkpoint.TreeSize,
                    $"Checkpoint #{checkpoint.Id} was altered or replaced: {problem}."));
                continue;
            }
            if (note.Number != checkpoint.Id)
            {
                findings.Add(new VerificationFinding(FindingKind.CheckpointInvalid, checkpoint.TreeSize,
                    $"Checkpoint #{checkpoint.Id} was replaced: the signed checkpoint in its place is #{note.Number}."));
                continue;
            }
            if (previous is not null && (note.TreeSize < previous.Note.TreeSize || note.Time < previous.Note.Time))
            {
                findings.Add(new VerificationFinding(FindingKind.CheckpointInvalid, checkpoint.TreeSize,
                    $"Checkpoint #{checkpoint.Id} goes back in size or time from checkpoint #{previous.Stored.Id}: it was moved or replaced."));
                continue;
            }
            if (previous is not null && note.Number != previous.Note.Number + 1)
                findings.Add(new VerificationFinding(FindingKind.CheckpointInvalid, note.TreeSize,
                    $"Checkpoints #{previous.Note.Number + 1} to #{note.Number - 1} were removed."));
            if (note.TreeSize != checkpoint.TreeSize || !note.RootHash.AsSpan().SequenceEqual(checkpoint.RootHash))
                findings.Add(new VerificationFinding(FindingKind.CheckpointInvalid, note.TreeSize,
                    $"Checkpoint #{checkpoint.Id}'s stored size or root differs from what it signs (the signed values are used)."));
            var entry = new ValidCheckpoint(checkpoint, note);
            valid.Add(entry);
            previous = entry;
        }
        return valid;
    }

    private async Task<int> CheckTimestampsAsync(IAuditLogSource source, IReadOnlyList<StoredCheckpoint> checkpoints,
        List<VerificationFinding> findings, List<string> notes, CancellationToken ct)
    {
        var tokens = await source.ReadTimestampsAsync(ct);
        var verified = 0;
        foreach (var token in tokens)
        {
            var checkpoint = checkpoints.FirstOrDefault(c => c.Id == token.CheckpointId);
            if (checkpoint is null)
                continue;
            if (TimestampTokens.Verify(token.Token, Encoding.UTF8.GetBytes(checkpoint.Note), timestampTrustPath, out var problem)
                || (timestampTrustPath is null && TimestampTokens.VerifyImprintAndSignature(token.Token, Encoding.UTF8.GetBytes(checkpoint.Note))))
                verified++;
            else
                findings.Add(new VerificationFinding(FindingKind.TimestampInvalid, checkpoint.TreeSize,
                    $"The time-stamp token of checkpoint #{checkpoint.Id} does not verify: {problem}."));
        }
        if (tokens.Count > 0 && timestampTrustPath is null)
            notes.Add("Time-stamp tokens were checked against their own certificates; give the authority's certificates (--tsa-certificates) to check who signed them.");
        return verified;
    }

    private static VerificationReport Unreadable(IAuditLogSource source, Exception ex) =>
        new(source.Description, 0, 0, 0, 0, [], 0, [new VerificationFinding(FindingKind.Unreadable, null, $"The log cannot be read: {ex.Message}")], []);

    private static VerificationReport Report(IAuditLogSource source, long rows, long firstSeq, int checkpoints, List<ValidCheckpoint> valid,
        int timestamps, List<VerificationFinding> findings, List<string> notes) =>
        new(source.Description, rows, firstSeq, checkpoints, valid.Count == 0 ? 0 : valid[^1].Note.TreeSize,
            valid.Select(v => v.Stored.KeyId).Distinct().ToList(), timestamps, findings, notes);

    internal sealed record ValidCheckpoint(StoredCheckpoint Stored, CheckpointNote Note);

    /// <summary>
    /// Walks the records in stored order, checking sequence numbers and stored hashes, and the tree root at each
    /// checkpoint's size. Keeps the leaves since the last checkpoint it accounted for, so that when a checkpoint does
    /// not match it can tell which suspect record (one claiming a number already seen, or out of place) was inserted:
    /// the one without which the records match the signed root.
    /// </summary>
    private sealed class RecordWalk(MerkleFrontier start, List<ValidCheckpoint> checkpoints, List<VerificationFinding> findings, IndexedColumns? columns)
    {
        private readonly List<Entry> _window = [];
        private readonly long _first = start.Size;
        private MerkleFrontier _matched = start.Clone();
        private int _next;
        private long _expected = start.Size;
        private Entry? _held;
        private long _heldClaim;
        private bool _broken;
        private string? _explained;
        private int _laterMismatches;
        private string? _previousType;

        public long Rows { get; private set; }

        private sealed record Entry(long StoredSeq, byte[] Leaf, long Claimed)
        {
            public bool Suspect { get; set; }
        }

        public void Add(AuditRecordRow row)
        {
            Rows++;
            var leaf = MerkleHash.Leaf(row.Record);
            var claimed = AuditRecordBytes.ReadSeq(row.Record);
            if (claimed is null || !AuditRecordBytes.IsWellFormed(row.Record))
            {
                findings.Add(new VerificationFinding(FindingKind.Modified, row.Seq, $"Record {row.Seq} was modified: it is no longer a well-formed record."));
                claimed = row.Seq;
                _explained ??= $"the modification of record {row.Seq}";
            }
            else if (!leaf.AsSpan().SequenceEqual(row.LeafHash))
            {
                findings.Add(new VerificationFinding(FindingKind.Modified, claimed,
                    $"Record {claimed} was modified: its content no longer matches the hash it was written with."));
                _explained ??= $"the modification of record {claimed}";
            }
            if (columns is not null)
            {
                foreach (var (column, stored, record) in columns.Differences(row))
                    findings.Add(new VerificationFinding(FindingKind.ColumnAltered, row.Seq,
                        $"Record {row.Seq}'s indexed column {column} was altered: it says {stored ?? "null"}, the record says {record ?? "null"}."));
            }
            var entry = new Entry(row.Seq, leaf, claimed.Value);
            var type = AuditRecordBytes.ReadType(row.Record);
            if (_previousType == Records.AuditRecordTypes.GatewayStop && type != Records.AuditRecordTypes.GatewayStart)
                findings.Add(new VerificationFinding(FindingKind.Inserted, claimed,
                    $"Record {claimed} was inserted while the gateway was stopped: it follows the stop record, and every run of the gateway begins with a start record."));
            _previousType = type;

            if (_held is { } held)
            {
                _held = null;
                if (entry.Claimed == _expected && _heldClaim == _expected + 1)
                {
                    findings.Add(new VerificationFinding(FindingKind.Reordered, _expected,
                        $"Records {_expected} and {_expected + 1} were reordered: they are stored the other way round."));
                    _explained ??= $"the reordering of records {_expected} and {_expected + 1}";
                    Accept(entry);
                    Accept(held);
                    return;
                }
                if (entry.Claimed == _expected)
                {
                    // The held record claimed a number out of place and the sequence goes on without it: it was slipped in.
                    held.Suspect = true;
                    _window.Add(held);
                }
                else
                {
                    Removed(_heldClaim);
                    Accept(held);
                }
            }

            if (entry.Claimed == _expected)
            {
                Accept(entry);
            }
            else if (entry.Claimed < _expected)
            {
                // A number already seen: this record or the earlier one with that number was inserted.
                entry.Suspect = true;
                foreach (var earlier in _window.Where(e => e.Claimed == entry.Claimed))
                    earlier.Suspect = true;
                _window.Add(entry);
                CheckCheckpoints(final: false);
            }
            else
            {
                _held = entry;
                _heldClaim = entry.Claimed;
            }
        }

        public void Finish()
        {
            if (_held is { } held)
            {
                _held = null;
                Removed(_heldClaim);
                Accept(held);
            }
            CheckCheckpoints(final: true);
            foreach (var suspect in _window.Where(e => e.Suspect))
                findings.Add(new VerificationFinding(FindingKind.Inserted, suspect.Claimed,
                    $"A record was inserted: the record stored as number {suspect.StoredSeq} claims number {suspect.Claimed}, which is out of place (no later checkpoint tells which of the two is genuine)."));
            if (_laterMismatches > 0)
                findings.Add(new VerificationFinding(FindingKind.CheckpointMismatch, long.MaxValue,
                    $"{_laterMismatches} later checkpoint(s) do not match either, as expected after the first change."));
        }

        private void Removed(long claimed)
        {
            findings.Add(new VerificationFinding(FindingKind.Removed, _expected, claimed == _expected + 1
                ? $"Record {_expected} was removed: the record after {_expected - 1} is {claimed}."
                : $"Records {_expected} to {claimed - 1} were removed: the record after {_expected - 1} is {claimed}."));
            _explained ??= $"the removal of record {_expected}";
            _expected = claimed;
        }

        private void Accept(Entry entry)
        {
            _window.Add(entry);
            _expected = entry.Claimed + 1;
            CheckCheckpoints(final: false);
        }

        private void CheckCheckpoints(bool final)
        {
            while (_next < checkpoints.Count)
            {
                var checkpoint = checkpoints[_next];
                var size = checkpoint.Note.TreeSize;
                var available = _matched.Size + _window.Count;
                var suspects = _window.Count(e => e.Suspect);
                if (size + suspects > available && !final)
                    return;
                if (size > available)
                {
                    var last = checkpoints[^1];
                    if (_expected < last.Note.TreeSize)
                        findings.Add(new VerificationFinding(FindingKind.Truncated, _expected,
                            $"Records {_expected} to {last.Note.TreeSize - 1} were removed from the end: checkpoint #{last.Stored.Id} signed a log of {last.Note.TreeSize} records, the store holds {available - _first}."));
                    else
                        _laterMismatches += checkpoints.Count - _next;
                    _next = checkpoints.Count;
                    return;
                }
                _next++;
                if (RootWithout(size, null) is { } root && root.AsSpan().SequenceEqual(checkpoint.Note.RootHash))
                {
                    Consume(size, null);
                    continue;
                }
                var named = false;
                foreach (var suspect in _window.Where(e => e.Suspect).ToList())
                {
                    if (RootWithout(size, suspect) is { } without && without.AsSpan().SequenceEqual(checkpoint.Note.RootHash))
                    {
                        findings.Add(new VerificationFinding(FindingKind.Inserted, suspect.Claimed,
                            $"Record stored as number {suspect.StoredSeq} (claiming {suspect.Claimed}) was inserted: without it the records match checkpoint #{checkpoint.Stored.Id}."));
                        Consume(size, suspect);
                        named = true;
                        break;
                    }
                }
                if (named)
                    continue;
                if (_broken)
                {
                    _laterMismatches++;
                }
                else
                {
                    _broken = true;
                    var from = _matched.Size;
                    findings.Add(new VerificationFinding(FindingKind.CheckpointMismatch, _explained is not null ? size : from, _explained is not null
                        ? $"Checkpoint #{checkpoint.Stored.Id} ({size} records) does not match the records, as expected after {_explained}."
                        : $"Checkpoint #{checkpoint.Stored.Id} (signed {checkpoint.Note.Time:yyyy-MM-dd HH:mm:ss}Z, {size} records) does not match the records: " +
                          $"one of records {from} to {size - 1} was changed, inserted or removed, with its stored hash rewritten too."));
                }
                Consume(size, null);
            }
        }

        /// <summary>The root of the accounted prefix and the window's leaves (leaving one out), up to a size; null if too few.</summary>
        private byte[]? RootWithout(long size, Entry? left)
        {
            var tree = _matched.Clone();
            foreach (var entry in _window)
            {
                if (tree.Size == size)
                    break;
                if (!ReferenceEquals(entry, left))
                    tree.Append(entry.Leaf);
            }
            return tree.Size == size ? tree.Root() : null;
        }

        /// <summary>Moves the window's leaves up to a size (and the one left out, if any) into the accounted prefix.</summary>
        private void Consume(long size, Entry? left)
        {
            var taken = 0;
            foreach (var entry in _window)
            {
                if (_matched.Size == size && (left is null || taken > _window.IndexOf(left)))
                    break;
                taken++;
                if (!ReferenceEquals(entry, left))
                    _matched.Append(entry.Leaf);
            }
            _window.RemoveRange(0, taken);
        }
    }
}
