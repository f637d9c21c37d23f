/**
 * The audit log: one JSON line per security-relevant action in ESAT_DATA_DIR/audit.jsonl — who,
 * when, what, which worker or declaration. Never a password, a session id, a CSRF token nor an
 * amount: entries are built from the named fields below only, never from a request body.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { privateDir, privateFile } from './store/durable.ts';

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
  | 'import-envoye';

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
}

export interface Audit {
  record(entry: AuditEntry & { at: string }): void;
}

/** The longest text one field of a line holds (a 15 kB path made a 15 kB line, issue 11). */
export const CHAMP_MAX = 200;
const borne = (text: string | undefined) =>
  text !== undefined && text.length > CHAMP_MAX ? `${text.slice(0, CHAMP_MAX - 1)}…` : text;

/** Appends to `dir/audit.jsonl` (mode 0600), synchronously so that lines keep their order. */
export function fileAudit(dir: string): Audit {
  const file = join(dir, 'audit.jsonl');
  let prive = false;
  return {
    record(entry) {
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
      const [format, exportId, etat, esat, imp] = [
        entry.format,
        entry.export,
        entry.etat,
        entry.esat,
        entry.import,
      ].map(borne);
      const { count, year } = entry;
      // Field by field, so that nothing else can slip into a line.
      const line = JSON.stringify({
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
      });
      if (!prive) privateDir(dir);
      appendFileSync(file, `${line}\n`, { encoding: 'utf8', mode: 0o600 });
      // A file left 0644 by an older version is closed to others too.
      if (!prive) privateFile(file);
      prive = true;
    },
  };
}

/** No log (the default of createApp when none is given). */
export const noAudit: Audit = { record: () => undefined };
