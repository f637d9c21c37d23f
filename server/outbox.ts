/**
 * R-ST-4: mail through an outbox. A mail that tells of a record (the accusé de réception of a
 * declaration, of an import) is written as an `outbox` row in the same transaction as the record,
 * so that a crash between the commit and the mail loses none. The instance that wrote it sends it
 * at once, without holding the answer for it (`expedier`); the row is born leased for a minute
 * so that no other sender takes it meanwhile. Afterwards any instance's sender (`sendPending`, every 30 s) takes what is due,
 * leases it in one transaction (the row is locked: two instances never take the same), sends it,
 * and marks it sent; a failure is retried later, with a growing delay. The relances of a Caf
 * (R-CA-6) go the same way, written with their records. A mail that carries a provisional
 * password (a new account, « Mot de passe oublié ») is never written here — no password is stored
 * in clear — but sent at once; one that is lost is replaced by asking « Mot de passe oublié ».
 */
import { randomUUID } from 'node:crypto';
import type { Mail, Mailer } from './mail.ts';
import type { OutboxRecord, Store, Tx } from './store/index.ts';

/** How long a row is left to the sender that holds it before another may take it. */
export const BAIL_MS = 60_000;
/** The delay before the n-th retry: 1, 2, 4… minutes, at most an hour. */
const delaiReprise = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;

/** Writes `mail` in the outbox, within the transaction of what it tells; returns its row. */
export async function deposer(tx: Tx, mail: Mail, at: Date, clock: number): Promise<OutboxRecord> {
  const record: OutboxRecord = {
    id: randomUUID(),
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    createdAt: at.toISOString(),
    status: 'a-envoyer',
    attempts: 0,
    nextAttempt: clock + BAIL_MS,
  };
  await tx.insert('outbox', record);
  return record;
}

/** The sender of the outbox, over the store and the mailer. */
export function createOutboxSender(options: {
  store: Store;
  mailer: Mailer;
  clock?: () => number;
  logError?: (message: string) => void;
}) {
  const { store, mailer } = options;
  const clock = options.clock ?? Date.now;
  const logError = options.logError ?? ((m: string) => console.error(m));

  /** The sendings under way, for `termine()`. */
  const enCours = new Set<Promise<unknown>>();

  /**
   * Sends one row held by this sender, then marks it sent, or due again later. The mailer is
   * called before anything is awaited: a mailer that writes at once has written on return.
   */
  async function livrer(row: OutboxRecord) {
    try {
      await mailer.send({ to: row.to, subject: row.subject, text: row.text });
    } catch {
      const attempts = row.attempts + 1;
      await store.transaction((tx) =>
        tx.update('outbox', row.id, { attempts, nextAttempt: clock() + delaiReprise(attempts) }),
      );
      // Never the address, the subject nor the text: they name a worker.
      logError(`Courriel non envoyé (tentative ${attempts}), nouvel essai plus tard : ${row.id}.`);
      return false;
    }
    await store.transaction((tx) =>
      tx.update('outbox', row.id, { status: 'envoye', sentAt: new Date(clock()).toISOString() }),
    );
    return true;
  }

  return {
    /**
     * Starts sending the rows this instance has just committed (leased to it from birth), without
     * being waited for: the answer of their request does not wait for the mail server. A failure
     * leaves the row to `sendPending`.
     */
    expedier(rows: readonly OutboxRecord[]) {
      for (const row of rows) {
        const sending = livrer(row)
          .catch(() => logError(`Courriel non marqué envoyé, repris plus tard : ${row.id}.`))
          .finally(() => enCours.delete(sending));
        enCours.add(sending);
      }
    },
    /** Resolves once the sendings started by `expedier` are over (a clean stop, tests). */
    async termine() {
      while (enCours.size > 0) await Promise.all(enCours);
    },
    /** Takes every due row (one at a time, each leased in its own transaction) and sends it. */
    async sendPending() {
      let sent = 0;
      for (const candidate of await store.find('outbox', { status: 'a-envoyer' })) {
        if (candidate.nextAttempt > clock()) continue;
        const held = await store.transaction(async (tx) => {
          const row = await tx.get('outbox', candidate.id);
          if (!row || row.status !== 'a-envoyer' || row.nextAttempt > clock()) return undefined;
          return tx.update('outbox', row.id, { nextAttempt: clock() + BAIL_MS });
        });
        if (held && (await livrer(held))) sent++;
      }
      return sent;
    },
    /** Runs `sendPending` every `everyMs` until `stop()`. */
    start(everyMs = 30_000) {
      let running = false;
      const timer = setInterval(() => {
        if (running) return;
        running = true;
        this.sendPending()
          .catch(() => logError('Envoi des courriels en attente impossible pour le moment.'))
          .finally(() => {
            running = false;
          });
      }, everyMs);
      timer.unref();
      return { stop: () => clearInterval(timer) };
    },
  };
}
export type OutboxSender = ReturnType<typeof createOutboxSender>;
