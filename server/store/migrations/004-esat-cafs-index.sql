-- The Esat of a Caf (R-CA-1, R-CA-2): `esats.cafs` is a list field of the contract (listFields),
-- selected by one of its elements (`data->'cafs' ? '751'`), which a GIN index serves.
CREATE INDEX esats_cafs_idx ON esats USING gin ((data->'cafs'));
