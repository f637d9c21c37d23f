/**
 * The product's start and stop (server/demarrer.ts), as `npm start` and the browser tests use it:
 * a configuration it cannot start with is refused with its French reason before any data is
 * written; a port already taken is said, not thrown as EADDRINUSE; the stop closes the port and
 * keeps what was written.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demarrer, ErreurDemarrage, type Produit } from '../../server/demarrer.ts';
import { root } from './process.ts';

const dossiers: string[] = [];
const demarres: Produit[] = [];
afterEach(async () => {
  for (const p of demarres.splice(0)) await p.arreter();
  for (const d of dossiers.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Variables of a start on a new temp data dir (the test world, a fixed day) and a free port. */
function variables(env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'esat-demarrer-'));
  dossiers.push(dataDir);
  return {
    NODE_ENV: 'test',
    PORT: '0',
    ESAT_DATA_DIR: join(dataDir, 'donnees'),
    ESAT_SEED: join(root, 'test/e2e/world.json'),
    ESAT_TODAY: '2026-12-02',
    ...env,
  };
}

const muet = () => {
  const lignes: string[] = [];
  return { lignes, log: (l: string) => lignes.push(l), warn: (l: string) => lignes.push(l) };
};

async function refus(env: Record<string, string>) {
  const vars = variables(env);
  const erreur = await demarrer(vars, muet()).then(
    (p) => (demarres.push(p), undefined),
    (e: unknown) => e,
  );
  expect(erreur).toBeInstanceOf(ErreurDemarrage);
  // Refused before the data is opened: nothing written.
  expect(existsSync(vars.ESAT_DATA_DIR)).toBe(false);
  return (erreur as Error).message;
}

describe('demarrer', () => {
  it('starts on a free port, says where, answers; the stop closes the port and keeps the data', async () => {
    const journal = muet();
    const vars = variables();
    const produit = await demarrer(vars, journal);
    expect(produit.url).toBe(`http://127.0.0.1:${produit.port}`);
    expect(journal.lignes).toContain(`Espace Esat : http://localhost:${produit.port}/`);
    expect(journal.lignes).toContain('Date du jour fixée : 2026-12-02');
    const r = await fetch(`${produit.url}/api/calendar`);
    expect(r.status).toBe(200);
    await produit.arreter();
    await expect(fetch(`${produit.url}/api/calendar`)).rejects.toThrow();
    expect(readdirSync(vars.ESAT_DATA_DIR).length).toBeGreaterThan(0);
    // A second stop is the same stop.
    await produit.arreter();
  });

  it('a port already taken: the reason in French, the data closed again', async () => {
    const premier = await demarrer(variables(), muet());
    demarres.push(premier);
    const vars = variables({ PORT: String(premier.port) });
    const erreur = await demarrer(vars, muet()).catch((e: unknown) => e);
    expect(erreur).toBeInstanceOf(ErreurDemarrage);
    expect((erreur as Error).message).toContain(
      `Le port ${premier.port} n'est pas disponible (EADDRINUSE)`,
    );
  });

  it('refuses a bad configuration before opening any data', async () => {
    expect(await refus({ ESAT_TODAY: '2 décembre' })).toContain('ESAT_TODAY invalide');
    expect(await refus({ ESAT_SESSION_IDLE_MINUTES: '-1' })).toContain(
      'ESAT_SESSION_IDLE_MINUTES invalide : un nombre positif est attendu',
    );
    expect(await refus({ ESAT_TLS_CERT: '/nulle/part.pem' })).toContain(
      'ESAT_TLS_CERT et ESAT_TLS_KEY vont ensemble',
    );
    expect(
      await refus({ ESAT_TLS_CERT: '/nulle/part.pem', ESAT_TLS_KEY: '/nulle/part.key' }),
    ).toContain('Certificat ou clé TLS illisible (ENOENT)');
  });
});
