/**
 * The audit log: one JSON line per security-relevant action — who, when, what, which worker or
 * declaration — in ESAT_DATA_DIR/audit.jsonl with the file store, in the `audit` table with
 * PostgreSQL (every instance's in one place, SPEC §11). Never a password, a session id, a CSRF
 * token nor an amount: entries are built from the named fields below only, never from a request
 * body.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { privateDir, privateFile } from './store/durable.ts';
import { endPool } from './store/postgres.ts';

/** What happened, in the words an auditor reads. */
export type AuditAction =
  | 'connexion'
  | 'echec-connexion'
  | 'connexion-bloquee'
  | 'deconnexion'
  | 'session-expiree'
  | 'mot-de-passe-change'
  | 'mot-de-passe-oublie'
  | 'cgu-acceptees'
  | 'fiche-consultee'
  | 'declaration-creee'
  | 'pdf-telecharge'
  | 'avis-donne'
  | 'brouillon-supprime'
  | 'acces-refuse'
  | 'csrf-refuse'
  | 'utilisateur-cree'
  | 'utilisateur-desactive'
  | 'utilisateur-reactive'
  | 'identifiant-communication-refuse'
  | 'export-caf'
  | 'traitement'
  | 'relance-envoyee'
  | 'import-cree'
  | 'import-envoye'
  | 'jeton-cree'
  | 'jeton-revoque';

/** One line of the log. `who` is the account's e-mail, left out when no known account acted. */
export interface AuditEntry {
  action: AuditAction;
  who?: string;
  worker?: string;
  declaration?: string;
  kind?: string;
  /** The account acted upon (a user created or deactivated by a référent). */
  target?: string;
  /** For refusals: the error code and the route (`GET /api/workers/…`), never a query string. */
  code?: string;
  route?: string;
  /** R-CA-4: the format of an export (`csv`, `xlsx`, `json`) and its id. */
  format?: string;
  export?: string;
  /** How many declarations an export or a change of état concerned; certificats missing (relance). */
  count?: number;
  /** R-CA-5: the état given; R-CA-6: the Esat reminded and the campaign. */
  etat?: string;
  esat?: string;
  year?: number;
  /** An import of a payroll file (R-IM), by its id. */
  import?: string;
  /** R-API-2: the name of the API token that acted (`who` is then its identity), or was acted upon. */
  jeton?: string;
}

export interface Audit {
  record(entry: AuditEntry & { at: string }): void;
}

/** The longest text one field of a line holds (a 15 kB path made a 15 kB line, issue 11). */
export const CHAMP_MAX = 200;
const borne = (text: string | undefined) =>
  text !== undefined && text.length > CHAMP_MAX ? `${text.slice(0, CHAMP_MAX - 1)}…` : text;

/** The line of an entry, field by field (so that nothing else can slip into it), each bounded. */
export function ligneAudit(entry: AuditEntry & { at: string }): string {
  const { at, action } = entry;
  const [who, worker, declaration, kind, target, code, route] = [
    entry.who,
    entry.worker,
    entry.declaration,
    entry.kind,
    entry.target,
    entry.code,
    entry.route,
  ].map(borne);
  const [format, exportId, etat, esat, imp, jeton] = [
    entry.format,
    entry.export,
    entry.etat,
    entry.esat,
    entry.import,
    entry.jeton,
  ].map(borne);
  const { count, year } = entry;
  return JSON.stringify({
    at,
    action,
    who,
    target,
    worker,
    declaration,
    kind,
    code,
    route,
    format,
    export: exportId,
    count,
    etat,
    esat,
    year,
    import: imp,
    jeton,
  });
}

/** Appends to `dir/audit.jsonl` (mode 0600), synchronously so that lines keep their order. */
export function fileAudit(dir: string): Audit {
  const file = join(dir, 'audit.jsonl');
  let prive = false;
  return {
    record(entry) {
      const line = ligneAudit(entry);
      if (!prive) privateDir(dir);
      appendFileSync(file, `${line}\n`, { encoding: 'utf8', mode: 0o600 });
      // A file left 0644 by an older version is closed to others too.
      if (!prive) privateFile(file);
      prive = true;
    },
  };
}

/** Lines kept while the database refuses them, at most (the oldest are dropped beyond, said once). */
const EN_ATTENTE_MAX = 50_000;

/**
 * Into the `audit` table of the database at `url` (migration 007), from one connection of its
 * own: `record` never waits on the database (a request is not slowed by its audit line); the lines
 * go in batches, in order, one INSERT each, at most `everyMs` after they were recorded, with
 * asynchronous commit (the log is not a declaration: a crash of the database loses its last
 * fraction of a second, never the service's records). `termine()` writes what is left (a clean
 * stop). A refused batch is kept and tried again.
 */
export function pgAudit(
  url: string,
  options: { everyMs?: number; logError?: (m: string) => void } = {},
): Audit & { termine(): Promise<void> } {
  const everyMs = options.everyMs ?? 200;
  const logError = options.logError ?? ((m: string) => console.error(m));
  // Asynchronous commit from the connection's start (a SET on 'connect' raced the first INSERT).
  const pool = new pg.Pool({ connectionString: url, max: 1, options: '-c synchronous_commit=off' });
  pool.on('error', () => logError("Journal d'audit : connexion à la base perdue."));
  let attente: { at: string; line: string }[] = [];
  let ecriture: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let perdues = 0;

  async function ecrire() {
    while (attente.length > 0) {
      const lot = attente.slice(0, 1000);
      try {
        await pool.query(
          `INSERT INTO audit (at, entry)
           SELECT (e->>'at')::timestamptz, e FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(e, n)
           ORDER BY n`,
          [`[${lot.map((l) => l.line).join(',')}]`],
        );
        attente = attente.slice(lot.length);
      } catch {
        logError(`Journal d'audit : ${attente.length} ligne(s) en attente, nouvel essai.`);
        return;
      }
    }
  }

  function planifier() {
    timer ??= setTimeout(() => {
      timer = undefined;
      ecriture ??= ecrire().finally(() => {
        ecriture = undefined;
        if (attente.length > 0) planifier();
      });
    }, everyMs);
    timer.unref?.();
  }

  return {
    record(entry) {
      attente.push({ at: entry.at, line: ligneAudit(entry) });
      if (attente.length > EN_ATTENTE_MAX) {
        attente = attente.slice(attente.length - EN_ATTENTE_MAX);
        if (perdues++ === 0)
          logError("Journal d'audit : base injoignable, lignes anciennes perdues.");
      }
      planifier();
    },
    async termine() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await ecriture;
      await ecrire();
      await endPool(pool);
    },
  };
}

/** No log (the default of createApp when none is given). */
export const noAudit: Audit = { record: () => undefined };
