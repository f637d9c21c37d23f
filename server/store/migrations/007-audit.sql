-- The audit log on PostgreSQL (server/audit.ts `pgAudit`): one row per line, from every instance,
-- so that what the instances did reads in one place and outlives the machine of any of them.
-- Append-only for the service; read by the operator (`SELECT at, entry FROM audit ORDER BY id`).
CREATE TABLE audit (id bigserial PRIMARY KEY, at timestamptz NOT NULL, entry jsonb NOT NULL);
CREATE INDEX audit_at_idx ON audit (at);
