/**
 * SPEC §11.2–4 (issue 13): two server processes on one PostgreSQL database, as behind a load
 * balancer. A session opened through one works through the other, a login throttle counts across
 * both, a replayed Idempotency-Key answers the first result whichever instance gets it, R-CE-6
 * holds across them (one 201), and a `kill -9` of one in the middle of a burst loses nothing it
 * acknowledged while the other goes on serving the same session. Each accusé de réception goes
 * out once, from the outbox.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import pg from 'pg';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/store/postgres.ts';
import type { Store } from '../../server/store/index.ts';
import { DEMO_PASSWORD, VILLETTE } from '../server/helpers.ts';
import {
  jsonLines,
  listening,
  request,
  session,
  spawnServer,
  type Child,
} from '../server/process.ts';
import { rafaleInterrompue, REDUCTION } from '../server/rafale.ts';
import { createTestDatabase } from './databases.ts';

let database: { url: string; drop(): Promise<void> };
let store: Store;
const children: Child[] = [];
const dirs: string[] = [];
let a: Child;
let b: Child;

/** One instance: its own data directory (audit log, mail file), the shared database. */
async function instance() {
  const dir = mkdtempSync(join(tmpdir(), 'esat-instance-'));
  dirs.push(dir);
  const child = await spawnServer(dir, { ESAT_DATABASE_URL: database.url });
  children.push(child);
  await listening(child, 60_000);
  return child;
}

beforeAll(async () => {
  database = await createTestDatabase();
  // The first instance loads the demo world into the empty database; the second finds it.
  a = await instance();
  b = await instance();
  store = (await openPostgresStore(database.url, { poolSize: 2 })).store;
}, 120_000);

afterAll(async () => {
  for (const c of children) c.process.kill('SIGKILL');
  await Promise.all(children.map((c) => c.exited));
  await store?.close();
  await database?.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const certificat = { moisRemunerationGarantie: 12, remunerationGarantie: 1200, aideAuPoste: 700 };

/** The active workers of the Villette Esat at the Caf de Paris. */
async function actifs(child: Child, s: { cookie: string; csrf: string }) {
  const list = await request(child, 'GET', '/api/workers?caf=751&pageSize=100', s);
  return (list.json.items as { id: string; dossier: string }[])
    .filter((w) => w.dossier === 'actif')
    .map((w) => w.id);
}

/** The audit lines of the database that name `who`, by time (each instance writes in batches). */
async function auditDe(url: string, who: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT entry FROM audit WHERE entry->>'who' = $1 ORDER BY at, id",
      [who],
    );
    return rows.map((r) => r.entry as { action: string; at: string });
  } finally {
    await client.end();
  }
}

/** The mails both instances wrote to their mail files, for one address. */
const mails = () => dirs.flatMap((d) => jsonLines<{ subject: string }>(join(d, 'outbox.jsonl')));

describe('two instances on one database', () => {
  it('a session opened through one works through the other, CSRF token included', async () => {
    const s = await session(a, VILLETTE.declarant, DEMO_PASSWORD);
    expect((await request(b, 'GET', '/api/me', s)).status).toBe(200);
    const workers = await actifs(b, s);
    const r = await request(b, 'PUT', `/api/drafts/${workers[0]}`, s, {
      teleprocedure: 'certificat',
      saisie: { aideAuPoste: '12' },
    });
    expect(r.status).toBe(204);
    expect((await request(a, 'DELETE', '/api/session', s)).status).toBe(204);
    expect((await request(b, 'GET', '/api/me', s)).status).toBe(401);
  });

  it('R-AC-4: failed logins through both instances add up to one lock', async () => {
    const email = VILLETTE.referent;
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const via = i % 2 ? a : b;
      statuses.push(
        (await request(via, 'POST', '/api/session', undefined, { email, password: 'faux' })).status,
      );
      // The growing delay after 3 failures (2 s, 4 s…) is not waited for: its 429 counts nothing.
      if (statuses.at(-1) === 429) break;
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    // Both instances refuse the right password now (slowed), whichever gets it.
    for (const via of [a, b]) {
      const r = await request(via, 'POST', '/api/session', undefined, {
        email,
        password: DEMO_PASSWORD,
      });
      expect(r.status).toBe(429);
    }
  });

  it('one audit log for both instances: the failed logins of each, in the database', async () => {
    const lignes = async () =>
      (await auditDe(database.url, VILLETTE.referent)).filter(
        (l) => l.action === 'echec-connexion',
      );
    // Written by each instance within a fraction of a second of the request (in batches).
    await expect
      .poll(async () => (await lignes()).length, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(4);
    for (const d of dirs) expect(existsSync(join(d, 'audit.jsonl'))).toBe(false);
  });

  it('R-CE-6 and R-FL-6 across instances: one certificat, the replay answers the first result', async () => {
    const s = await session(a, VILLETTE.declarant, DEMO_PASSWORD);
    const [workerId] = (await actifs(a, s)).slice(-1);
    const post = (via: Child, key: string) =>
      fetch(`${via.url}/api/declarations`, {
        method: 'POST',
        headers: {
          Cookie: s.cookie,
          'X-CSRF-Token': s.csrf,
          'Content-Type': 'application/json',
          'Idempotency-Key': key,
        },
        body: JSON.stringify({ workerId, kind: 'certificat', data: certificat }),
      }).then(async (r) => ({ status: r.status, json: await r.json() }));
    // Ten different requests for one worker, five through each instance, at once: one 201.
    const racing = await Promise.all(
      Array.from({ length: 10 }, (_, i) => post(i % 2 ? a : b, `course-${i}`)),
    );
    const statuses = racing.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    for (const r of racing.filter((x) => x.status === 409)) {
      expect(r.json.error.code).toBe('deja-declare');
      expect(r.json.error.message).toMatch(/a déjà été enregistré pour ce travailleur le/);
    }
    const winner = racing.find((r) => r.status === 201)!;
    const key = `course-${racing.indexOf(winner)}`;
    // The same request sent again to both instances at once: the first answer, twice.
    const replays = await Promise.all([post(a, key), post(b, key)]);
    expect(replays.map((r) => r.status)).toEqual([201, 201]);
    expect(replays.map((r) => r.json.id)).toEqual([winner.json.id, winner.json.id]);
    expect(
      await store.count('declarations', { workerId, kind: 'certificat', campaignYear: 2026 }),
    ).toBe(1);
    // R-ST-4: its accusé de réception went out once, whichever instance sent it.
    await expect
      .poll(async () => store.count('outbox', { status: 'envoye' }), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(1);
    const accuses = mails().filter((m) => m.subject.includes("Certificat d'emploi"));
    expect(accuses).toHaveLength(1);
  });

  it('kill -9 of one instance during a burst: nothing acknowledged is lost, the other serves the same session', async () => {
    const s = await session(a, VILLETTE.declarant, DEMO_PASSWORD);
    const workers = await actifs(a, s);
    const victim = await instance();
    const { acked, inFlight } = await rafaleInterrompue(victim, s, workers, {
      senders: 12,
      seuil: 41,
      timeout: 60_000,
    });
    expect(inFlight).toBeGreaterThan(0);
    // Every acknowledged declaration is in the database, and the survivor serves the session.
    const found = await store.find('declarations', { kind: 'reduction' });
    const ids = new Set(found.map((d) => d.id));
    expect(acked.filter((d) => !ids.has(d.id))).toEqual([]);
    const fiche = await request(b, 'GET', `/api/workers/${workers[0]}`, s);
    expect(fiche.status).toBe(200);
    const more = await request(b, 'POST', '/api/declarations', s, {
      workerId: workers[0],
      kind: 'reduction',
      data: REDUCTION,
    });
    expect(more.status).toBe(201);
  }, 120_000);
});
