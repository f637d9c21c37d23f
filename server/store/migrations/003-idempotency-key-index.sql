-- R-FL-6: a replayed Idempotency-Key is looked up by the key (with the account): indexedFields
-- names it, so it has its own index (only the declarations sent with a key are in it).
CREATE INDEX declarations_idempotencykey_idx ON declarations ((data->>'idempotencyKey'))
  WHERE data->>'idempotencyKey' IS NOT NULL;
