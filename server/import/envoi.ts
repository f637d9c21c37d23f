/**
 * R-IM-5: sending an import's ready rows, a batch per request. Each row is a normal declaration
 * recorded by server/declarer.ts (every rule checked again, its own audit line and PDF) under an
 * idempotency key made of the import and the row, so that an envoi resumed after a closed tab, an
 * expired session or a server killed in the middle never declares a worker twice. A batch's
 * certificats and the import's note of them are one write, committed before the answer; after the
 * last batch, one accusé de réception for the whole import.
 */
import { campagne } from '../../forms/calendrier.ts';
import { fail, messages } from '../errors.ts';
import { jourHeureLong } from '../../forms/dates.ts';
import type { Mail } from '../mail.ts';
import { createDeclarer } from '../declarer.ts';
import type { Ctx } from '../context.ts';
import { deposer } from '../outbox.ts';
import type { ImportRecord, OutboxRecord, Tx, UserRecord } from '../store/index.ts';
import { cleLigne, mondeImport, verifierImport } from './rapport.ts';

/** Rows sent per request by default, and at most (the UI shows progress between batches). */
export const LOT_DEFAUT = 25;
export const LOT_MAX = 100;

export const messageImportInconnu = 'Cet import est introuvable.';

/** The one accusé de réception of an import: counts only, no name and no amount (R-FL-5). */
export function accuseImport(options: {
  to: string;
  esat: string;
  caf: string;
  fichier: string;
  envoyes: number;
  nonEnvoyes: number;
  at: string;
  reference: string;
}): Mail {
  const s = options.envoyes > 1 ? 's' : '';
  return {
    to: options.to,
    subject: `Accusé de réception : ${options.envoyes} certificat${s} d'emploi importé${s}`,
    text: [
      'Bonjour,',
      '',
      `Votre import du fichier « ${options.fichier} » est terminé le ${jourHeureLong(options.at)} : ${options.envoyes} certificat${s} d'emploi ${options.envoyes > 1 ? 'ont' : 'a'} été enregistré${s}.`,
      ...(options.nonEnvoyes > 0
        ? [
            `${options.nonEnvoyes} ligne${options.nonEnvoyes > 1 ? 's' : ''} du fichier n'${options.nonEnvoyes > 1 ? 'ont' : 'a'} pas été envoyée${options.nonEnvoyes > 1 ? 's' : ''} : le rapport de l'import les détaille.`,
          ]
        : []),
      '',
      `Établissement : ${options.esat}`,
      `Caf destinataire : ${options.caf}`,
      `Référence de l'import : ${options.reference}`,
      '',
      "Le récapitulatif PDF de l'import, et celui de chaque certificat sur la fiche du travailleur, sont disponibles dans l'Espace Esat.",
      '',
      'Ce message est envoyé automatiquement, merci de ne pas y répondre.',
    ].join('\n'),
  };
}

/** What one envoi request answers. */
export interface Avancement {
  /** Certificats of this import recorded so far. */
  envoyes: number;
  /** Ready rows still to send. */
  restants: number;
  /** Rows refused when sent (campaign closed, declared meanwhile by someone else…). */
  erreurs: number;
  /** Sent by this request. */
  lot: number;
  termine: boolean;
}

/** The envoi of imports, over the app's store, declarer, journal and mailer. */
export function createEnvoi(ctx: Ctx) {
  const { store, today, now, clock, journal, outbox } = ctx;
  const { enregistrerLot, accuser } = createDeclarer(ctx);
  /** One envoi at a time per import in this process (two tabs): the second waits its turn. */
  const enCours = new Map<string, Promise<unknown>>();

  async function lot(
    id: string,
    user: UserRecord,
    taille: number,
    verifierCaf: (caf: string) => void | Promise<void>,
  ): Promise<Avancement> {
    const day = today();
    if (!campagne(day).certificatOpen) fail(422, 'campagne-fermee', messages.campagneFermee);
    const record = await store.get('imports', id);
    if (!record || record.esat !== user.esat) fail(404, 'import-inconnu', messageImportInconnu);
    await verifierCaf(record.caf);
    const { rows, rapport } = verifierImport(record, await mondeImport(store, record, day), day);
    const data = new Map(rapport.lignes.map((l) => [l.n, l.data]));
    const prets = rows.filter((r) => r.statut === 'pret').slice(0, taille);
    // The batch's certificats and what the import notes of them, in one transaction and one
    // write, before the answer. (A certificat is also found again by its key, whatever happens.)
    const { issues, suite } = await enregistrerLot(
      prets.map((row) => ({
        user,
        workerId: row.workerId!,
        kind: 'certificat' as const,
        data: data.get(row.n)!,
        key: cleLigne(record, row.n),
        verifierCaf,
      })),
      async (tx, issues) => {
        const found = await tx.get('imports', id);
        if (!found) return undefined;
        const rec = structuredClone(found);
        const parN = new Map(prets.map((row, i) => [row.n, issues[i]]));
        for (const r of rec.rows) {
          const issue = parN.get(r.n);
          if (!issue || r.statut === 'envoye') continue;
          if ('record' in issue) {
            r.statut = 'envoye';
            r.declarationId = issue.record.id;
          } else r.echec = issue.refus.message;
        }
        const check = verifierImport(rec, await mondeImport(tx, rec, day), day);
        rec.rows = check.rows;
        const at = now().toISOString();
        if (rec.status === 'verification' && check.rapport.comptes.envoyes > 0)
          rec.status = 'envoi';
        if (check.rapport.comptes.prets === 0) {
          rec.status = 'termine';
          rec.termineLe ??= at;
        }
        rec.updatedAt = at;
        const comptes = check.rapport.comptes;
        let mail: OutboxRecord | undefined;
        if (rec.status === 'termine' && !rec.accuseEnvoye) {
          if (comptes.envoyes > 0) mail = await accuseDansLOutbox(tx, rec, user, comptes);
          rec.accuseEnvoye = true;
        }
        await tx.put('imports', rec);
        return { rec, comptes, mail };
      },
    );
    // Each certificat's own audit line; the accusé de réception is the import's one mail.
    for (const issue of issues) {
      if ('record' in issue && !issue.replayed) accuser(issue.record, user);
    }
    if (!suite) fail(404, 'import-inconnu', messageImportInconnu);
    const { rec, comptes, mail } = suite;
    if (mail) {
      outbox.expedier([mail]);
      journal({ action: 'import-envoye', who: user.email, import: rec.id });
    }
    return {
      envoyes: comptes.envoyes,
      restants: comptes.prets,
      erreurs: rec.rows.filter((r) => r.echec && r.statut !== 'envoye').length,
      lot: issues.filter((i) => 'record' in i).length,
      termine: rec.status === 'termine',
    };
  }

  /**
   * R-IM-5 / R-ST-4: the one accusé de réception of an import, written in the outbox within the
   * transaction of its last batch (so it is neither lost nor written twice); its id.
   */
  async function accuseDansLOutbox(
    tx: Tx,
    rec: ImportRecord,
    user: UserRecord,
    comptes: { envoyes: number; lignes: number; ignorees: number },
  ) {
    const [esat, caf] = await Promise.all([tx.get('esats', rec.esat), tx.get('cafs', rec.caf)]);
    return deposer(
      tx,
      accuseImport({
        to: user.email,
        esat: esat?.name ?? rec.esat,
        caf: caf?.name ?? rec.caf,
        fichier: rec.fichier.nom,
        envoyes: comptes.envoyes,
        nonEnvoyes: comptes.lignes - comptes.envoyes - comptes.ignorees,
        at: rec.termineLe ?? now().toISOString(),
        reference: rec.reference ?? rec.id,
      }),
      now(),
      clock(),
    );
  }

  /** Sends the next batch of ready rows of an import of the user's Esat. */
  async function envoyer(
    id: string,
    user: UserRecord,
    taille: number,
    verifierCaf: (caf: string) => void,
  ): Promise<Avancement> {
    const previous = enCours.get(id) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => lot(id, user, taille, verifierCaf));
    enCours.set(id, run);
    try {
      return await run;
    } finally {
      if (enCours.get(id) === run) enCours.delete(id);
    }
  }

  return { envoyer };
}
