import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  SeedError,
  checkSeed,
  demoAccounts,
  demoWorld,
  printDemoAccounts,
  readSeed,
} from '../../server/demo.ts';
import { openFileStore } from '../../server/store/index.ts';
import { setup, testWorld, lire, reecrire } from './helpers.ts';

const root = new URL('../..', import.meta.url).pathname;
/** The seed as its JSON file holds it, before checkSeed() types it: each case below breaks it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the cases write what the seed's type forbids, on purpose
type Graine = any;
const e2eWorld = () => JSON.parse(readFileSync(join(root, 'test/e2e/world.json'), 'utf8'));

describe('the demo world (SPEC §9)', () => {
  it('R-AC-7: 2 Caf, 2 Esat with 14-digit SIRET, one Esat attached to both Caf', () => {
    const w = demoWorld();
    expect(w.cafs.map((c) => c.code)).toEqual(['751', '921']);
    expect(w.esats).toHaveLength(2);
    for (const e of w.esats) expect(e.siret).toMatch(/^\d{14}$/);
    expect(w.esats.some((e) => e.cafs.length === 2)).toBe(true);
  });

  it('R-FL-2: at least 40 invented workers, accented names, a couple sharing a number, radié files', () => {
    const w = demoWorld();
    expect(w.workers.length).toBeGreaterThanOrEqual(40);
    expect(w.workers.some((x) => x.nom === 'LEFÈVRE')).toBe(true);
    for (const x of w.workers) {
      expect(x.numeroAllocataire).toMatch(/^\d{7}$/);
      expect(Number.isNaN(Date.parse(x.dateNaissance))).toBe(false);
    }
    const couple = w.workers.filter((x) => x.conjoint);
    expect(couple).toHaveLength(2);
    expect(new Set(couple.map((x) => x.numeroAllocataire)).size).toBe(1);
    expect(w.workers.filter((x) => x.dossier === 'radie').length).toBeGreaterThanOrEqual(1);
    expect(() => checkSeed(w)).not.toThrow();
  });

  it('R-AC-4: a déclarant and a référent per Esat, an agent per Caf, passwords of 12 characters or more', () => {
    const w = demoWorld();
    for (const e of w.esats) {
      expect(
        w.users
          .filter((u) => u.esat === e.siret)
          .map((u) => u.role)
          .sort(),
      ).toEqual(['declarant', 'referent']);
    }
    for (const c of w.cafs)
      expect(w.users.filter((u) => u.role === 'agent' && u.caf === c.code)).toHaveLength(1);
    for (const a of demoAccounts()) expect(a.password.length).toBeGreaterThanOrEqual(12);
  });

  it('R-AC-1: stored passwords are argon2id hashes, never the password', async () => {
    const data = await testWorld();
    for (const u of data.users) {
      expect(u.passwordHash).toMatch(/^\$argon2id\$/);
      expect(JSON.stringify(u)).not.toContain('Esat-Demo-2026!');
    }
  });

  it('prints the demo accounts (email, password, role) present in the data', async () => {
    const lines: string[] = [];
    const { store } = await setup();
    await printDemoAccounts(store, (l) => lines.push(l));
    expect(lines.join('\n')).toContain('agent@caf-paris.test');
    expect(lines.join('\n')).toContain('Esat-Demo-2026!');
    // R-AC-7: and the identifiant de communication the Hauts-de-Seine asks of the Villette Esat.
    expect(lines.at(-1)).toBe(
      'Identifiant de communication de Esat Les Ateliers de la Villette pour la Caf des Hauts-de-Seine : 00000092101',
    );
    expect(lines).toHaveLength(1 + demoAccounts().length + 1);
  });

  it('the store keeps its file: a second open reads what the first one wrote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'esat-store-'));
    const first = await openFileStore(dir, {
      initial: async () => structuredClone(await testWorld()),
    });
    expect(first.created).toBe(true);
    await reecrire(first.store, async (data) => {
      data.users[0].cguAccepted = true;
    });
    const again = await openFileStore(dir, {
      initial: () => {
        throw new Error('must not rebuild');
      },
    });
    expect(again.created).toBe(false);
    expect((await lire(again.store)).users[0].cguAccepted).toBe(true);
    expect((await lire(again.store)).workers).toHaveLength(
      (await lire(first.store)).workers.length,
    );
  });
});

describe('ESAT_SEED (SPEC §9)', () => {
  it('the e2e world is a valid seed', () => {
    expect(checkSeed(e2eWorld()).workers).toHaveLength(18);
  });

  it.each([
    { path: '/cafs', change: (w: Graine) => delete w.cafs },
    { path: '/esats/0/siret', change: (w: Graine) => (w.esats[0].siret = '1234') },
    { path: '/esats/1/cafs/0', change: (w: Graine) => (w.esats[1].cafs = ['999']) },
    // R-AC-7: a Caf that does not know the SIRET must be the Esat's, with an identifiant.
    {
      path: '/esats/1/siretUnknownTo/0',
      change: (w: Graine) => (w.esats[1].siretUnknownTo = ['751']),
    },
    {
      path: '/esats/1/communicationIds/921',
      change: (w: Graine) => delete w.esats[1].communicationIds,
    },
    { path: '/users/0/role', change: (w: Graine) => (w.users[0].role = 'admin') },
    { path: '/users/1/password', change: (w: Graine) => (w.users[1].password = 'court') },
    { path: '/users/3/caf', change: (w: Graine) => (w.users[3].caf = '131') },
    { path: '/workers/3/dossier', change: (w: Graine) => (w.workers[3].dossier = 'supprime') },
    { path: '/workers/5/caf', change: (w: Graine) => (w.workers[5].caf = '751') },
    {
      path: '/workers/0/dateNaissance',
      change: (w: Graine) => (w.workers[0].dateNaissance = '14/03/1988'),
    },
  ])('a seed with a bad $path is refused with a message naming it', ({ path, change }) => {
    const w = e2eWorld();
    change(w);
    expect(() => checkSeed(w)).toThrow(SeedError);
    expect(() => checkSeed(w)).toThrow(
      new RegExp(`ESAT_SEED invalide en ${path.replace(/\//g, '\\/')} : `),
    );
  });

  it('a seed file that is not JSON is refused clearly', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'esat-seed-')), 'seed.json');
    writeFileSync(file, '{ "cafs": [');
    expect(() => readSeed(file)).toThrow(/n'est pas un JSON valide/);
    expect(() => readSeed(join(tmpdir(), 'absent-esat.json'))).toThrow(/fichier illisible/);
  });

  it('the server refuses to start on a bad seed, naming the path, and creates no data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'esat-start-'));
    const w = e2eWorld();
    w.users[0].role = 'admin';
    const seed = join(dir, 'seed.json');
    writeFileSync(seed, JSON.stringify(w));
    const data = join(dir, 'data');
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: root,
      env: { ...process.env, ESAT_DATA_DIR: data, ESAT_SEED: seed, PORT: '0' },
      timeout: 15_000,
    });
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('/users/0/role'),
    });
    expect(existsSync(join(data, 'db.json'))).toBe(false);
  });
});
