/**
 * R-IM-5: a server killed (SIGKILL) in the middle of an import's envoi loses nothing and declares
 * nobody twice: after a restart on the same data the import is offered back, resumes where it
 * stopped, and ends with exactly one certificat per worker and one accusé de réception. (The
 * recovery of a certificat whose import note was lost, by its key, is in import.test.ts.)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Data } from '../../server/store/index.ts';
import { DEMO_PASSWORD, VILLETTE, outbox } from './helpers.ts';
import { fr } from './import-files.ts';
import { listening, request, session, spawnServer, type Child } from './process.ts';

const children: Child[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.process.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** db.json as it is on disk now (always whole: written aside, then renamed). */
const disk = (dir: string): Data => JSON.parse(readFileSync(join(dir, 'db.json'), 'utf8'));

describe('R-IM-5: resume after a server kill in the middle of the envoi', () => {
  it('no certificat lost, none declared twice, the import ends where it stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'esat-import-'));
    dirs.push(dir);
    const first = await spawnServer(dir);
    children.push(first);
    await listening(first);
    const s = await session(first, VILLETTE.declarant, DEMO_PASSWORD);
    const list = await request(first, 'GET', '/api/workers?caf=751&pageSize=100', s);
    const actifs = (
      list.json.items as {
        id: string;
        nom: string;
        prenom: string;
        numeroAllocataire: string;
        dateNaissance: string;
        dossier: string;
      }[]
    )
      // The demo world's first certificats of the campaign are already in (R-CE-6): not imported.
      .filter((w) => w.dossier === 'actif' && !(w as { certificat?: unknown }).certificat);
    const attendus = actifs.length;
    expect(attendus).toBeGreaterThan(20);
    const csv = [
      'N° allocataire;Nom;Prénom;Date de naissance;Mois;RG;Aide au poste',
      ...actifs.map((w) =>
        [w.numeroAllocataire, w.nom, w.prenom, fr(w.dateNaissance), '12', '1 200,00', '650'].join(
          ';',
        ),
      ),
    ].join('\r\n');
    const created = await fetch(`${first.url}/api/imports?caf=751`, {
      method: 'POST',
      headers: {
        Cookie: s.cookie,
        'X-CSRF-Token': s.csrf,
        'Content-Type': 'text/csv',
        'X-Filename': 'paie.csv',
      },
      body: csv,
    });
    expect(created.status).toBe(201);
    const { id, report } = await created.json();
    expect(report.comptes.prets).toBe(attendus);
    const ours = (data: Data) =>
      data.declarations.filter((d) => d.idempotencyKey?.startsWith(`import:${id}:`));

    // The UI's loop of small batches, the server killed in the middle of it.
    const acknowledged: number[] = [];
    let killed = false;
    const loop = (async () => {
      while (!killed) {
        try {
          const step = await request(first, 'POST', `/api/imports/${id}/envoi?lot=2`, s);
          if (step.status !== 200) throw new Error(`envoi ${step.status}`);
          acknowledged.push(step.json.envoyes);
        } catch (e) {
          if (!killed) throw e;
        }
      }
    })();
    for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
      if (ours(disk(dir)).length >= 9) break;
      await new Promise((r) => setTimeout(r, 1));
    }
    killed = true;
    first.process.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    await loop;
    const atKill = disk(dir);
    const recorded = ours(atKill).length;
    expect(recorded).toBeGreaterThanOrEqual(9);
    expect(recorded).toBeLessThan(attendus);
    // Every batch acknowledged is on disk; a batch and the import's note of it are one write.
    expect(Math.max(...acknowledged)).toBeLessThanOrEqual(recorded);
    expect(atKill.imports[0].rows.filter((r) => r.statut === 'envoye')).toHaveLength(recorded);

    const second = await spawnServer(dir);
    children.push(second);
    await listening(second);
    const again = await session(second, VILLETTE.declarant, DEMO_PASSWORD);
    // Offered back on the accueil, and its report knows what was recorded before the kill.
    const offered = await request(second, 'GET', '/api/imports', again);
    expect(offered.json).toEqual([expect.objectContaining({ id, status: 'envoi' })]);
    const reopened = await request(second, 'GET', `/api/imports/${id}`, again);
    expect(reopened.json.report.comptes).toMatchObject({
      envoyes: recorded,
      prets: attendus - recorded,
      dejaDeclares: 0,
    });
    const steps = [];
    for (let i = 0; i < 10; i++) {
      const step = await request(second, 'POST', `/api/imports/${id}/envoi?lot=10`, again);
      expect(step.status).toBe(200);
      steps.push(step.json);
      if (step.json.restants === 0) break;
    }
    expect(steps.at(-1)).toEqual({
      envoyes: attendus,
      restants: 0,
      erreurs: 0,
      lot: expect.any(Number),
      termine: true,
    });
    expect(steps.reduce((n, st) => n + st.lot, 0)).toBe(attendus - recorded);

    const end = disk(dir);
    const certificats = end.declarations.filter((d) => d.idempotencyKey?.startsWith('import:'));
    expect(certificats).toHaveLength(attendus);
    // Nobody declared twice in the campaign, the demo's own certificats included (R-CE-6).
    const campagne = end.declarations.filter(
      (d) => d.kind === 'certificat' && d.campaignYear === certificats[0].campaignYear,
    );
    expect(new Set(campagne.map((d) => d.workerId)).size).toBe(campagne.length);
    expect(new Set(certificats.map((d) => d.workerId)).size).toBe(attendus);
    expect(end.imports[0]).toMatchObject({ status: 'termine', accuseEnvoye: true });
    // One accusé de réception for the whole import.
    const mails = outbox(dir);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe(
      `Accusé de réception : ${attendus} certificats d'emploi importés`,
    );
  }, 90_000);
});
