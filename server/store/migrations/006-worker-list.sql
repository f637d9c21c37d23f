-- Mes travailleurs (R-FL-2) is searched, ordered and cut in the database (Reader.travailleurs):
-- `esat_plat` is the contract's `sansAccents` (NFD, combining marks U+0300–U+036F removed, lower
-- case: French names). The order is ICU's "fr-x-icu" collation, the contract's `ordreDesNoms`.
CREATE FUNCTION esat_plat(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN regexp_replace(lower(normalize(t, NFD)), '[\u0300-\u036f]', '', 'g');
