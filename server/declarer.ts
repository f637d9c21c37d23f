/**
 * Recording one declaration, whoever sends it (the saisie, and later an import or a payroll
 * software): every rule checked again with the one validator of forms/ (R-CE, R-CS), the worker's
 * Esat and file (R-WK), the campaign (R-CE-1), one certificat per campaign (R-CE-6), one record
 * per request (R-FL-6); then the audit line and the accusé de réception (R-FL-5), written in the
 * outbox within the same transaction (R-ST-4). R-CE-6 and R-FL-6 are checked first, for their
 * messages, and hold under concurrency by the store's unique constraints: an insert refused by
 * one (another instance was faster) runs the whole recording again, which then finds the winner.
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
import {
  draftKey,
  referenceCourte,
  referenceSequence,
  UniqueViolation,
  type DeclarationRecord,
  type OutboxRecord,
  type Tx,
  type UserRecord,
} from './store/index.ts';
import { jourDe } from '../forms/dates.ts';
import { type Ctx } from './context.ts';
import { deposer } from './outbox.ts';

/** One declaration to record, already shaped (workerId a string, kind known, data an object). */
export interface Demande {
  user: UserRecord;
  workerId: string;
  kind: DeclarationKind;
  data: Record<string, unknown>;
  /** The Idempotency-Key sent with it, if any. */
  key?: string;
  /** R-AC-7: throws when this Caf's identifiant de communication was not given. */
  verifierCaf: (caf: string) => void | Promise<void>;
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

/** Another transaction took what this one was inserting (R-CE-6, R-FL-6): run it again. */
class Rejouer extends Error {}

/** The message of a refusal by R-CE-6, with the day of the certificat already there. */
const dejaDeclare = (first: DeclarationRecord) =>
  new ApiError(
    409,
    'deja-declare',
    `Un certificat d'emploi a déjà été enregistré pour ce travailleur le ${jourDe(first.submittedAt)}.`,
  );

/** The recording of declarations, over the app's store, clock, journal and outbox. */
export function createDeclarer(ctx: Ctx) {
  const { store, today, now, clock, journal, outbox, jetons } = ctx;

  /**
   * Checks one declaration in `tx` and adds it there: every rule named at the top of this file, in
   * one place. The first answer of a replayed key; throws an ApiError on a rule. With `mail`, its
   * accusé de réception goes into the outbox in the same transaction; returns the mail's id.
   */
  async function inscrire(
    tx: Tx,
    { user, workerId, kind, data, key }: Demande,
    day: string,
    mail: false | { esat: string; caf: string },
  ): Promise<{ record: DeclarationRecord; replayed: boolean; mail?: OutboxRecord }> {
    // R-FL-6: the same request sent again (double click, retry) gets the first answer.
    // The key's scope is the account: another user's same key is another request.
    const rejouer = (first: DeclarationRecord) => {
      const sent = empreinte({ workerId, kind, data });
      if ((first.idempotencyHash ?? empreinte(first)) !== sent) {
        fail(
          422,
          'cle-idempotence-reutilisee',
          "Cette clé d'idempotence (Idempotency-Key) a déjà servi pour une autre déclaration : envoyez une nouvelle clé pour une nouvelle déclaration.",
        );
      }
      return { record: first, replayed: true };
    };
    const replay = key
      ? (await tx.find('declarations', { userEmail: user.email, idempotencyKey: key }))[0]
      : undefined;
    if (replay) return rejouer(replay);
    const worker = await tx.get('workers', workerId);
    if (!worker || worker.esat !== user.esat)
      fail(404, 'travailleur-inconnu', messages.travailleurInconnu);
    const blocage = blocageDossier(worker.dossier);
    if (blocage) fail(422, 'dossier-bloque', blocage);
    if (!declarationOuverte(kind, day)) fail(422, 'campagne-fermee', messages.campagneFermee);
    const errors = validateDeclaration(kind, data, day);
    if (errors.length > 0) fail(422, 'validation', messages.validation, errors);
    const campaignYear = kind === 'certificat' ? campagne(day).year : undefined;
    if (campaignYear !== undefined) {
      // R-CE-6: one certificat per worker and campaign.
      const [first] = await tx.find(
        'declarations',
        { workerId: worker.id, campaignYear, kind: 'certificat' },
        { orderBy: { field: 'submittedAt' }, limit: 1 },
      );
      // The same request, committed by another instance since the look-up above: its replay.
      if (first && key && first.userEmail === user.email && first.idempotencyKey === key)
        return rejouer(first);
      if (first) throw dejaDeclare(first);
    }
    // R-FL-5: CE for a certificat d'emploi, CS for a changement de situation, the year (the
    // campaign's for a certificat, the recording's for a changement), a sequence per prefix.
    const prefix = `${kind === 'certificat' ? 'CE' : 'CS'}-${campaignYear ?? day.slice(0, 4)}`;
    const numero = await tx.next(referenceSequence(prefix));
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
      reference: referenceCourte(prefix, numero),
    };
    try {
      await tx.insert('declarations', record);
    } catch (e) {
      if (e instanceof UniqueViolation) throw new Rejouer();
      throw e;
    }
    // R-SE-2: a validated declaration removes its draft.
    await tx.remove('drafts', draftKey(user.email, worker.id));
    if (!mail) return { record, replayed: false };
    const courriel = await deposer(
      tx,
      accuseReception({
        to: jetons.adresseDe(user),
        label: kindLabels[kind],
        worker,
        esat: mail.esat,
        caf: mail.caf,
        id: record.id,
        reference: record.reference,
        submittedAt: record.submittedAt,
      }),
      now(),
      clock(),
    );
    return { record, replayed: false, mail: courriel };
  }

  /**
   * R-AC-7: the worker's Caf must have had its identifiant given (an unknown worker: 404 later).
   * Returns the names of the worker's Esat and Caf, for the accusé de réception.
   */
  async function verifierCafDe({ user, workerId, verifierCaf }: Demande) {
    const worker = await store.get('workers', workerId);
    if (!worker || worker.esat !== user.esat) return { esat: '', caf: '' };
    const [, esat, caf] = await Promise.all([
      verifierCaf(worker.caf),
      store.get('esats', worker.esat),
      store.get('cafs', worker.caf),
    ]);
    return { esat: esat?.name ?? worker.esat, caf: caf?.name ?? worker.caf };
  }

  /** Runs `recording` again when a concurrent transaction took its place (once is enough). */
  async function avecReprise<T>(recording: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await recording();
      } catch (e) {
        if (!(e instanceof Rejouer) || attempt >= 2) throw e;
      }
    }
  }

  /**
   * Records it once with its accusé de réception, or gives the first answer to a replayed key;
   * throws an ApiError on a rule. The accusé is sent once the declaration is committed.
   */
  async function enregistrer(demande: Demande) {
    const day = today();
    // R-AC-7 before the transaction: its look-ups use the store's pool, never a connection the
    // transaction would wait for while holding its own (pool starvation under load).
    const noms = await verifierCafDe(demande);
    const outcome = await avecReprise(() =>
      store.transaction((tx) => inscrire(tx, demande, day, noms)),
    );
    if (outcome.mail) outbox.expedier([outcome.mail]);
    return outcome;
  }

  /**
   * Several declarations in one transaction and one write (an import's batch, R-IM-5), each
   * checked as by `enregistrer` and recorded or refused on its own, without a mail each (the
   * import's one accusé is its own); `ensuite` runs in the same transaction (the import notes what
   * its batch became), so that both are committed together before the answer.
   */
  async function enregistrerLot<T>(
    demandes: Demande[],
    ensuite: (tx: Tx, issues: IssueLot[]) => Promise<T>,
  ): Promise<{ issues: IssueLot[]; suite: T }> {
    const day = today();
    const refus = new Map<Demande, ApiError>();
    for (const demande of demandes) {
      try {
        await verifierCafDe(demande);
      } catch (e) {
        if (e instanceof ApiError && e.status < 500) refus.set(demande, e);
        else throw e;
      }
    }
    return avecReprise(() =>
      store.transaction(async (tx) => {
        const issues: IssueLot[] = [];
        for (const demande of demandes) {
          const refusee = refus.get(demande);
          if (refusee) {
            issues.push({ refus: refusee });
            continue;
          }
          try {
            issues.push(await inscrire(tx, demande, day, false));
          } catch (e) {
            if (e instanceof ApiError && e.status < 500) issues.push({ refus: e });
            else throw e;
          }
        }
        const suite = await ensuite(tx, issues);
        return { issues, suite };
      }),
    );
  }

  /** The audit line of a new declaration. */
  function accuser(record: DeclarationRecord, user: UserRecord) {
    journal({
      action: 'declaration-creee',
      who: user.email,
      worker: record.workerId,
      declaration: record.id,
      kind: record.kind,
    });
  }

  return { enregistrer, enregistrerLot, accuser };
}
