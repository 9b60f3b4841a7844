namespace SpbeConnector.Audit.Storage;

/// <summary>
/// The audit store's schema, as numbered migrations applied in order and recorded in <c>audit_schema</c>. Released
/// migrations are never edited; a change is a new migration.
///
/// The triggers make the store itself refuse what an append-only log must never do (Pasal 59 ayat (9) huruf e:
/// logs protected from modification): no UPDATE or DELETE of any audit table, no INSERT that would overwrite or skip
/// a sequence number (which also defeats INSERT OR REPLACE), and removal of records only below the boundary of an
/// archive that was written first. Someone with write access to the file can still drop the triggers: that is what
/// the Merkle tree, the signed checkpoints and the offline verifier catch.
/// </summary>
public static class AuditSchema
{
    public sealed record Migration(int Version, string Name, string Sql);

    public static readonly IReadOnlyList<Migration> Migrations =
    [
        new(1, "InitialAuditLog", """
            CREATE TABLE audit_records (
                seq INTEGER PRIMARY KEY,
                time_ms INTEGER NOT NULL,
                type TEXT NOT NULL,
                request_id TEXT NULL,
                client_id TEXT NULL,
                client_opd TEXT NULL,
                api TEXT NULL,
                api_opd TEXT NULL,
                status INTEGER NULL,
                refused_by TEXT NULL,
                record BLOB NOT NULL,
                leaf_hash BLOB NOT NULL
            );
            CREATE INDEX ix_audit_records_time ON audit_records(time_ms);
            CREATE INDEX ix_audit_records_request ON audit_records(request_id) WHERE request_id IS NOT NULL;
            CREATE INDEX ix_audit_records_client ON audit_records(client_id, time_ms) WHERE client_id IS NOT NULL;

            CREATE TABLE audit_nodes (
                level INTEGER NOT NULL,
                idx INTEGER NOT NULL,
                hash BLOB NOT NULL,
                PRIMARY KEY (level, idx)
            ) WITHOUT ROWID;

            CREATE TABLE audit_checkpoints (
                id INTEGER PRIMARY KEY,
                tree_size INTEGER NOT NULL,
                root_hash BLOB NOT NULL,
                time_ms INTEGER NOT NULL,
                key_id TEXT NOT NULL,
                note TEXT NOT NULL,
                frontier BLOB NOT NULL
            );
            CREATE INDEX ix_audit_checkpoints_size ON audit_checkpoints(tree_size);

            CREATE TABLE audit_timestamps (
                checkpoint_id INTEGER PRIMARY KEY,
                token BLOB NOT NULL,
                time_ms INTEGER NOT NULL,
                authority TEXT NOT NULL
            );

            CREATE TABLE audit_keys (
                key_id TEXT PRIMARY KEY,
                purpose TEXT NOT NULL,
                public_key BLOB NOT NULL,
                certificate BLOB NULL,
                created_ms INTEGER NOT NULL
            );

            CREATE TABLE audit_archives (
                id INTEGER PRIMARY KEY,
                archived_from INTEGER NOT NULL,
                archived_before INTEGER NOT NULL,
                file_name TEXT NOT NULL,
                file_sha256 BLOB NOT NULL,
                checkpoint_id INTEGER NOT NULL,
                time_ms INTEGER NOT NULL
            );

            CREATE TRIGGER audit_records_append_only_insert BEFORE INSERT ON audit_records
            WHEN NEW.seq IS NOT COALESCE((SELECT MAX(seq) FROM audit_records) + 1,
                                         (SELECT MAX(archived_before) FROM audit_archives), 0)
            BEGIN SELECT RAISE(ABORT, 'audit records are append-only: a record must take the next sequence number'); END;
            CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON audit_records
            BEGIN SELECT RAISE(ABORT, 'audit records are append-only: they cannot be changed'); END;
            CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON audit_records
            WHEN OLD.seq >= COALESCE((SELECT MAX(archived_before) FROM audit_archives), 0)
            BEGIN SELECT RAISE(ABORT, 'audit records are append-only: only archived records can be removed'); END;

            CREATE TRIGGER audit_nodes_no_update BEFORE UPDATE ON audit_nodes
            BEGIN SELECT RAISE(ABORT, 'audit tree nodes are append-only'); END;
            CREATE TRIGGER audit_nodes_no_delete BEFORE DELETE ON audit_nodes
            BEGIN SELECT RAISE(ABORT, 'audit tree nodes are append-only'); END;
            CREATE TRIGGER audit_checkpoints_append_only_insert BEFORE INSERT ON audit_checkpoints
            WHEN NEW.id IS NOT COALESCE((SELECT MAX(id) FROM audit_checkpoints) + 1, 1)
              OR NEW.tree_size < COALESCE((SELECT MAX(tree_size) FROM audit_checkpoints), 0)
            BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only and never shrink the tree'); END;
            CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
            BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
            CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
            BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
            CREATE TRIGGER audit_timestamps_no_update BEFORE UPDATE ON audit_timestamps
            BEGIN SELECT RAISE(ABORT, 'audit time-stamps are append-only'); END;
            CREATE TRIGGER audit_timestamps_no_delete BEFORE DELETE ON audit_timestamps
            BEGIN SELECT RAISE(ABORT, 'audit time-stamps are append-only'); END;
            CREATE TRIGGER audit_keys_no_update BEFORE UPDATE ON audit_keys
            BEGIN SELECT RAISE(ABORT, 'audit keys are append-only'); END;
            CREATE TRIGGER audit_keys_no_delete BEFORE DELETE ON audit_keys
            BEGIN SELECT RAISE(ABORT, 'audit keys are append-only'); END;
            CREATE TRIGGER audit_archives_no_update BEFORE UPDATE ON audit_archives
            BEGIN SELECT RAISE(ABORT, 'audit archive entries are append-only'); END;
            CREATE TRIGGER audit_archives_no_delete BEFORE DELETE ON audit_archives
            BEGIN SELECT RAISE(ABORT, 'audit archive entries are append-only'); END;
            """),
    ];

    /// <summary>The names of the protecting triggers (the tamper tests drop them to play an attacker with file access).</summary>
    public static readonly IReadOnlyList<string> ProtectingTriggers =
    [
        "audit_records_append_only_insert", "audit_records_no_update", "audit_records_no_delete",
        "audit_nodes_no_update", "audit_nodes_no_delete",
        "audit_checkpoints_append_only_insert", "audit_checkpoints_no_update", "audit_checkpoints_no_delete",
        "audit_timestamps_no_update", "audit_timestamps_no_delete",
        "audit_keys_no_update", "audit_keys_no_delete",
        "audit_archives_no_update", "audit_archives_no_delete",
    ];
}
