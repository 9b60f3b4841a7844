namespace SpbeConnector.Audit.Storage;

/// <summary>
/// The audit store's schema on PostgreSQL, as numbered migrations recorded in <c>audit_schema</c> (released migrations
/// are never edited), inside the node's own PostgreSQL schema: each gateway node keeps its own log, with its own
/// sequence and tree, as on SQLite.
///
/// PostgreSQL itself refuses what an append-only log must never do (Pasal 59 ayat (9) huruf e: logs protected from
/// modification): triggers raise on any UPDATE, any TRUNCATE, any DELETE except of archived records, and any INSERT
/// that would not take the next sequence number. They hold against every role but a table owner or superuser who
/// first disables them; run the gateway as a role that does not own the tables to close that too (docs/cluster.md).
/// The Merkle tree and the signed checkpoints catch whoever does it anyway.
/// </summary>
public static class PostgresAuditSchema
{
    public static readonly IReadOnlyList<AuditSchema.Migration> Migrations =
    [
        new(1, "InitialAuditLog", """
            CREATE TABLE audit_records (
                seq bigint PRIMARY KEY,
                time_ms bigint NOT NULL,
                type text NOT NULL,
                request_id text NULL,
                client_id text NULL,
                client_opd text NULL,
                api text NULL,
                api_opd text NULL,
                status integer NULL,
                refused_by text NULL,
                record bytea NOT NULL,
                leaf_hash bytea NOT NULL
            );
            CREATE INDEX ix_audit_records_time ON audit_records(time_ms);
            CREATE INDEX ix_audit_records_request ON audit_records(request_id) WHERE request_id IS NOT NULL;
            CREATE INDEX ix_audit_records_client ON audit_records(client_id, time_ms) WHERE client_id IS NOT NULL;

            CREATE TABLE audit_nodes (
                level integer NOT NULL,
                idx bigint NOT NULL,
                hash bytea NOT NULL,
                PRIMARY KEY (level, idx)
            );

            CREATE TABLE audit_checkpoints (
                id bigint PRIMARY KEY,
                tree_size bigint NOT NULL,
                root_hash bytea NOT NULL,
                time_ms bigint NOT NULL,
                key_id text NOT NULL,
                note text NOT NULL,
                frontier bytea NOT NULL
            );
            CREATE INDEX ix_audit_checkpoints_size ON audit_checkpoints(tree_size);

            CREATE TABLE audit_timestamps (
                checkpoint_id bigint PRIMARY KEY,
                token bytea NOT NULL,
                time_ms bigint NOT NULL,
                authority text NOT NULL
            );

            CREATE TABLE audit_keys (
                key_id text PRIMARY KEY,
                purpose text NOT NULL,
                public_key bytea NOT NULL,
                certificate bytea NULL,
                created_ms bigint NOT NULL
            );

            CREATE TABLE audit_archives (
                id bigint PRIMARY KEY,
                archived_from bigint NOT NULL,
                archived_before bigint NOT NULL,
                file_name text NOT NULL,
                file_sha256 bytea NOT NULL,
                checkpoint_id bigint NOT NULL,
                time_ms bigint NOT NULL
            );

            CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION 'audit log is append-only: % of % refused', TG_OP, TG_TABLE_NAME
                USING ERRCODE = 'insufficient_privilege';
            END $$;

            CREATE FUNCTION audit_records_next_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.seq IS DISTINCT FROM COALESCE((SELECT MAX(seq) FROM audit_records) + 1,
                                                   (SELECT MAX(archived_before) FROM audit_archives), 0) THEN
                RAISE EXCEPTION 'audit records are append-only: a record must take the next sequence number'
                  USING ERRCODE = 'insufficient_privilege';
              END IF;
              RETURN NEW;
            END $$;

            CREATE FUNCTION audit_records_archived_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF OLD.seq >= COALESCE((SELECT MAX(archived_before) FROM audit_archives), 0) THEN
                RAISE EXCEPTION 'audit records are append-only: only archived records can be removed'
                  USING ERRCODE = 'insufficient_privilege';
              END IF;
              RETURN OLD;
            END $$;

            CREATE FUNCTION audit_checkpoints_next_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.id IS DISTINCT FROM COALESCE((SELECT MAX(id) FROM audit_checkpoints) + 1, 1)
                 OR NEW.tree_size < COALESCE((SELECT MAX(tree_size) FROM audit_checkpoints), 0) THEN
                RAISE EXCEPTION 'audit checkpoints are append-only and never shrink the tree'
                  USING ERRCODE = 'insufficient_privilege';
              END IF;
              RETURN NEW;
            END $$;

            CREATE TRIGGER audit_records_append_only_insert BEFORE INSERT ON audit_records
              FOR EACH ROW EXECUTE FUNCTION audit_records_next_only();
            CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON audit_records
              FOR EACH ROW EXECUTE FUNCTION audit_records_archived_only();
            CREATE TRIGGER audit_checkpoints_append_only_insert BEFORE INSERT ON audit_checkpoints
              FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_next_only();

            DO $$
            DECLARE t text;
            BEGIN
              FOREACH t IN ARRAY ARRAY['audit_records', 'audit_nodes', 'audit_checkpoints', 'audit_timestamps', 'audit_keys', 'audit_archives'] LOOP
                EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()', t || '_no_update', t);
                EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()', t || '_no_truncate', t);
                IF t <> 'audit_records' THEN
                  EXECUTE format('CREATE TRIGGER %I BEFORE DELETE ON %I FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()', t || '_no_delete', t);
                END IF;
              END LOOP;
            END $$;
            """),
    ];
}
