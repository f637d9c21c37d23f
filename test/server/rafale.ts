/**
 * `kill -9` in the middle of a burst of declarations (R-ST: nothing acknowledged is lost), as the
 * file store's durability test and the two-instance PostgreSQL test both play it.
 */
import { expect } from 'vitest';
import { request, type Child } from './process.ts';

/** A changement de situation any active worker can take, again and again. */
export const REDUCTION = {
  dateEffet: '2026-11-01',
  tauxAvant: 80,
  tauxApres: 50,
  aideAuPoste: 500,
  remunerationGarantie: 900,
};

export interface Rafale {
  /** The declarations answered 201, in the order they were: each must be kept. */
  acked: { id: string; workerId: string }[];
  /** Requests the kill cut (the kill hit a busy server, not an idle one, when > 0). */
  inFlight: number;
}

/**
 * `senders` loops post declarations for `workers` in turn to `victim` until `seuil` are
 * acknowledged, then the process is killed with SIGKILL while requests are on their way; returns
 * once every loop has stopped. A refusal before the kill fails the test.
 */
export async function rafaleInterrompue(
  victim: Child,
  s: { cookie: string; csrf: string },
  workers: string[],
  { senders, seuil, timeout }: { senders: number; seuil: number; timeout: number },
): Promise<Rafale> {
  const acked: Rafale['acked'] = [];
  let inFlight = 0;
  let killed = false;
  let n = 0;
  const sender = async () => {
    while (!killed) {
      const workerId = workers[n++ % workers.length];
      try {
        const r = await request(victim, 'POST', '/api/declarations', s, {
          workerId,
          kind: 'reduction',
          data: REDUCTION,
        });
        // A 201 that arrives, even just as the kill is sent, was acknowledged: it must stay.
        if (r.status === 201) acked.push(r.json);
        else throw new Error(`unexpected ${r.status} ${JSON.stringify(r.json)}`);
      } catch (e) {
        if (!killed) throw e;
        inFlight++;
      }
    }
  };
  const boucles = Array.from({ length: senders }, sender);
  await expect.poll(() => acked.length, { timeout, interval: 5 }).toBeGreaterThanOrEqual(seuil);
  killed = true;
  victim.process.kill('SIGKILL');
  expect(await victim.exited).toBe('SIGKILL');
  await Promise.all(boucles);
  return { acked, inFlight };
}
