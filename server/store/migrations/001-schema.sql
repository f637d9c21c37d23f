-- The store's schema (SPEC §11, server/store/contract.ts): one table per key of `Tables`, each
-- record a jsonb document under its primary key; `seq` keeps the insertion order (dump, finds
-- without orderBy). One expression index per entry of `indexedFields`, so that no query of the
-- service reads a whole table, and the unique constraints of `uniqueConstraints` under the same
-- names, so that a 23505 names the rule it broke.

CREATE TABLE cafs (key text PRIMARY KEY, data jsonb NOT NULL, seq bigserial);
CREATE TABLE esats (key text PRIMARY KEY, data jsonb NOT NULL, seq bigserial);
CREATE TABLE users (key text PRIMARY KEY, data jsonb NOT NULL, seq bigserial);
CREATE TABLE workers (key text PRIMARY KEY, data jsonb NOT NULL, seq bigserial);
CREATE TABLE declarations (key text PRIMARY KEY, data jsonb NOT NULL, seq bigserial);
CREATE TABLE drafts (key text PRIMARY KEY, data jsonb NOT NULL, seq bigserial);
CREATE TABLE avis (key text PRIMARY KEY, data jsonb NOT NULL, seq bigserial);
CREATE TABLE relances (key text PRIMARY KEY, data jsonb NOT NULL, seq bigserial);
CREATE TABLE exports (key text PRIMARY KEY, data jsonb NOT NULL, seq bigserial);
CREATE TABLE imports (key text PRIMARY KEY, data jsonb NOT NULL, seq bigserial);
CREATE TABLE outbox (key text PRIMARY KEY, data jsonb NOT NULL, seq bigserial);
CREATE TABLE sessions (key text PRIMARY KEY, data jsonb NOT NULL, seq bigserial);
CREATE TABLE throttles (key text PRIMARY KEY, data jsonb NOT NULL, seq bigserial);
CREATE TABLE windows (key text PRIMARY KEY, data jsonb NOT NULL, seq bigserial);

-- Every table is read in insertion order when no orderBy is given.
CREATE INDEX cafs_seq_idx ON cafs (seq);
CREATE INDEX esats_seq_idx ON esats (seq);
CREATE INDEX users_seq_idx ON users (seq);
CREATE INDEX workers_seq_idx ON workers (seq);
CREATE INDEX declarations_seq_idx ON declarations (seq);
CREATE INDEX drafts_seq_idx ON drafts (seq);
CREATE INDEX avis_seq_idx ON avis (seq);
CREATE INDEX relances_seq_idx ON relances (seq);
CREATE INDEX exports_seq_idx ON exports (seq);
CREATE INDEX imports_seq_idx ON imports (seq);
CREATE INDEX outbox_seq_idx ON outbox (seq);
CREATE INDEX sessions_seq_idx ON sessions (seq);
CREATE INDEX throttles_seq_idx ON throttles (seq);
CREATE INDEX windows_seq_idx ON windows (seq);

-- indexedFields (contract.ts); test/store/migrations.test.ts fails when one has no index here.
CREATE INDEX users_esat_idx ON users ((data->>'esat'));
CREATE INDEX users_caf_idx ON users ((data->>'caf'));
CREATE INDEX users_role_idx ON users ((data->>'role'));
CREATE INDEX workers_esat_idx ON workers ((data->>'esat'));
CREATE INDEX workers_caf_idx ON workers ((data->>'caf'));
CREATE INDEX workers_numeroallocataire_idx ON workers ((data->>'numeroAllocataire'));
CREATE INDEX declarations_workerid_idx ON declarations ((data->>'workerId'));
CREATE INDEX declarations_esat_idx ON declarations ((data->>'esat'));
CREATE INDEX declarations_caf_idx ON declarations ((data->>'caf'));
CREATE INDEX declarations_kind_idx ON declarations ((data->>'kind'));
CREATE INDEX declarations_campaignyear_idx ON declarations ((data->>'campaignYear'));
CREATE INDEX declarations_useremail_idx ON declarations ((data->>'userEmail'));
CREATE INDEX drafts_useremail_idx ON drafts ((data->>'userEmail'));
CREATE INDEX drafts_workerid_idx ON drafts ((data->>'workerId'));
CREATE INDEX avis_caf_idx ON avis ((data->>'caf'));
CREATE INDEX relances_caf_idx ON relances ((data->>'caf'));
CREATE INDEX relances_siret_idx ON relances ((data->>'siret'));
CREATE INDEX relances_year_idx ON relances ((data->>'year'));
CREATE INDEX exports_caf_idx ON exports ((data->>'caf'));
CREATE INDEX imports_esat_idx ON imports ((data->>'esat'));
CREATE INDEX imports_useremail_idx ON imports ((data->>'userEmail'));
CREATE INDEX imports_status_idx ON imports ((data->>'status'));
CREATE INDEX outbox_status_idx ON outbox ((data->>'status'));
CREATE INDEX sessions_email_idx ON sessions ((data->>'email'));

-- uniqueConstraints (contract.ts), partial as their `when`. NULLS NOT DISTINCT: the file store
-- counts a missing field as one value (null), so two certificats without a campaign year collide
-- there too.
-- R-CE-6: one certificat per worker and campaign.
CREATE UNIQUE INDEX certificat_par_campagne ON declarations
  ((data->>'workerId'), (data->>'campaignYear')) NULLS NOT DISTINCT
  WHERE data->>'kind' = 'certificat';
-- R-FL-6: an Idempotency-Key is one user's, and names one declaration.
CREATE UNIQUE INDEX idempotence ON declarations
  ((data->>'userEmail'), (data->>'idempotencyKey')) NULLS NOT DISTINCT
  WHERE data->>'idempotencyKey' IS NOT NULL;
-- R-FL-5: the short reference read out on the phone (also the index of indexedFields' reference:
-- an equality implies IS NOT NULL).
CREATE UNIQUE INDEX reference ON declarations ((data->>'reference'))
  WHERE data->>'reference' IS NOT NULL;

-- Named sequences (short references, R-FL-5): a row per name, taken under its lock, so gapless.
CREATE TABLE sequences (name text PRIMARY KEY, value bigint NOT NULL);
