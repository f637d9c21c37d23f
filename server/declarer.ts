/**
 * Recording one declaration, whoever sends it (the saisie, and later an import or a payroll
 * software): every rule checked again with the one validator of forms/ (R-CE, R-CS), the worker's
 * Esat and file (R-WK), the campaign (R-CE-1), one certificat per campaign (R-CE-6), one record
 * per request (R-FL-6); then the audit line and the accusé de réception (R-FL-5).
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  formDefinition,
  kindLabels,
  validateDeclaration,
  type DeclarationKind,
} from '../forms/index.ts';
import { campagne, declarationOuverte } from '../forms/calendrier.ts';
import { blocageDossier } from '../forms/dossiers.ts';
import { ApiError, fail, messages } from './errors.ts';
import { accuseReception } from './mail.ts';
import type { Data, DeclarationRecord, UserRecord } from './store/index.ts';
import { dateFrParis, type Ctx } from './context.ts';
import { prochaineReference } from './esat-store.ts';

/** One declaration to record, already shaped (workerId a string, kind known, data an object). */
export interface Demande {
  user: UserRecord;
  workerId: string;
  kind: DeclarationKind;
  data: Record<string, unknown>;
  /** The Idempotency-Key sent with it, if any. */
  key?: string;
  /** R-AC-7: throws when this Caf's identifiant de communication was not given. */
  verifierCaf: (caf: string) => void;
}

/** JSON with the keys of every object sorted: the same request always reads the same. */
function canonique(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonique).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonique(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * R-FL-6: what an Idempotency-Key stands for — the worker, the kind and the data of the request,
 * hashed in canonical form; a key sent again with anything else is refused.
 */
export const empreinte = (d: { workerId: string; kind: string; data: unknown }) =>
  createHash('sha256')
    .update(canonique({ workerId: d.workerId, kind: d.kind, data: d.data }))
    .digest('base64url');

/** Only the fields the kind's schema names are stored (issue 11, point 1: nothing else, ever). */
function champsDuSchema(kind: DeclarationKind, data: Record<string, unknown>) {
  const kept: Record<string, unknown> = {};
  for (const { name } of formDefinition(kind).fields) {
    if (Object.hasOwn(data, name)) kept[name] = data[name];
  }
  return kept;
}

/** What became of one declaration of a batch: recorded (or replayed), or refused by a rule. */
export type IssueLot = { record: DeclarationRecord; replayed: boolean } | { refus: ApiError };

/** The recording of declarations, over the app's store, clock, journal and mailer. */
export function createDeclarer(ctx: Ctx) {
  const { store, mailer, today, now, logError, journal, esatOf } = ctx;

  /**
   * Checks one declaration against `db` and adds it there (not saved yet): every rule named at the
   * top of this file, in one place. The first answer of a replayed key; throws an ApiError on a rule.
   */
  function inscrire(
    db: Data,
    { user, workerId, kind, data, key, verifierCaf }: Demande,
    day: string,
  ): { record: DeclarationRecord; replayed: boolean } {
    // R-FL-6: the same request sent again (double click, retry) gets the first answer.
    // The key's scope is the account: another user's same key is another request.
    const replay =
      key && db.declarations.find((d) => d.idempotencyKey === key && d.userEmail === user.email);
    if (replay) {
      const sent = empreinte({ workerId, kind, data });
      if ((replay.idempotencyHash ?? empreinte(replay)) !== sent) {
        fail(
          422,
          'cle-idempotence-reutilisee',
          "Cette clé d'idempotence (Idempotency-Key) a déjà servi pour une autre déclaration : envoyez une nouvelle clé pour une nouvelle déclaration.",
        );
      }
      return { record: replay, replayed: true };
    }
    const worker = db.workers.find((w) => w.id === workerId && w.esat === user.esat);
    if (!worker) fail(404, 'travailleur-inconnu', messages.travailleurInconnu);
    verifierCaf(worker.caf);
    const blocage = blocageDossier(worker.dossier);
    if (blocage) fail(422, 'dossier-bloque', blocage);
    if (!declarationOuverte(kind, day)) fail(422, 'campagne-fermee', messages.campagneFermee);
    const errors = validateDeclaration(kind, data, day);
    if (errors.length > 0) fail(422, 'validation', messages.validation, errors);
    const campaignYear = kind === 'certificat' ? campagne(day).year : undefined;
    if (kind === 'certificat') {
      // R-CE-6: one certificat per worker and campaign.
      const first = db.declarations.find(
        (d) =>
          d.kind === 'certificat' && d.workerId === worker.id && d.campaignYear === campaignYear,
      );
      if (first) {
        fail(
          409,
          'deja-declare',
          `Un certificat d'emploi a déjà été enregistré pour ce travailleur le ${dateFrParis(first.submittedAt)}.`,
        );
      }
    }
    const record: DeclarationRecord = {
      id: randomUUID(),
      kind,
      workerId: worker.id,
      esat: worker.esat,
      caf: worker.caf,
      userEmail: user.email,
      data: champsDuSchema(kind, data),
      ...(campaignYear !== undefined ? { campaignYear } : {}),
      submittedAt: now().toISOString(),
      ...(key ? { idempotencyKey: key, idempotencyHash: empreinte({ workerId, kind, data }) } : {}),
      reference: prochaineReference(db.declarations, kind, campaignYear ?? Number(day.slice(0, 4))),
    };
    db.declarations.push(record);
    // R-SE-2: a validated declaration removes its draft.
    db.drafts = db.drafts.filter((d) => !(d.userEmail === user.email && d.workerId === worker.id));
    return { record, replayed: false };
  }

  /** Records it once, or gives the first answer to a replayed key; throws an ApiError on a rule. */
  async function enregistrer(demande: Demande) {
    const day = today();
    return store.transaction(async (db, save) => {
      const outcome = inscrire(db, demande, day);
      if (!outcome.replayed) await save();
      return outcome;
    });
  }

  /**
   * Several declarations in one transaction and one write (an import's batch, R-IM-5), each
   * checked as by `enregistrer` and recorded or refused on its own; `ensuite` runs in the same
   * transaction before the write (the import notes what its batch became), so that both are
   * committed together before the answer.
   */
  async function enregistrerLot<T>(
    demandes: Demande[],
    ensuite: (db: Data, issues: IssueLot[]) => T,
  ): Promise<{ issues: IssueLot[]; suite: T }> {
    const day = today();
    return store.transaction(async (db, save) => {
      const issues = demandes.map((demande): IssueLot => {
        try {
          return inscrire(db, demande, day);
        } catch (e) {
          if (e instanceof ApiError && e.status < 500) return { refus: e };
          throw e;
        }
      });
      const suite = ensuite(db, issues);
      await save();
      return { issues, suite };
    });
  }

  /**
   * The audit line and the accusé de réception of a new declaration; a mail failure never undoes
   * it. `mail: false` for an import, whose accusé is one mail for all its certificats (R-IM-5).
   */
  async function accuser(
    record: DeclarationRecord,
    user: UserRecord,
    options: { mail?: boolean } = {},
  ) {
    const kind = record.kind;
    journal({
      action: 'declaration-creee',
      who: user.email,
      worker: record.workerId,
      declaration: record.id,
      kind: record.kind,
    });
    if (options.mail === false) return;
    const worker = store.read().workers.find((w) => w.id === record.workerId)!;
    try {
      // R-FL-5: the accusé de réception; a mail failure never undoes the declaration.
      await mailer.send(
        accuseReception({
          to: user.email,
          label: kindLabels[kind],
          worker,
          esat: esatOf(user)?.name ?? record.esat,
          caf: store.read().cafs.find((k) => k.code === record.caf)?.name ?? record.caf,
          id: record.id,
          reference: record.reference,
          submittedAt: record.submittedAt,
        }),
      );
    } catch {
      logError(`Accusé de réception non envoyé pour la déclaration ${record.id}.`);
    }
  }

  return { enregistrer, enregistrerLot, accuser };
}
