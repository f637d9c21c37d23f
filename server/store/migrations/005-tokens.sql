-- R-API-2: the API tokens of the Esat, for their payroll software (contract.ts `TokenRecord`).
-- A request's `Authorization: Bearer …` finds its token by the secret's SHA-256 (`hash`); the
-- référent lists its Esat's (`esat`).
CREATE TABLE tokens (key text PRIMARY KEY, data jsonb NOT NULL, seq bigserial);
CREATE INDEX tokens_seq_idx ON tokens (seq);
CREATE INDEX tokens_esat_idx ON tokens ((data->>'esat'));
CREATE INDEX tokens_hash_idx ON tokens ((data->>'hash'));
