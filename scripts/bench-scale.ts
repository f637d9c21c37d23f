/**
 * `npm run bench:scale` (SPEC §11.6, issue 13): the service under many users at once, over real
 * HTTP on 127.0.0.1, as it runs for real (each instance a `tsx server/index.ts` process):
 * - the file store on one Caf's world (5 000 workers, two years): one instance, 20 users;
 * - PostgreSQL on the same world and on the national one (120 000 workers, 1 400 Esat, 101 Caf,
 *   two campaigns of history): two instances on one database, 50 users spread over both.
 * Each user logs in as the declarant of its own Esat, then declares certificats one after the
 * other, with a look at the worker list and its filter between two; a pinger reads
 * `/api/calendar` meanwhile. Then the agent of the largest Caf opens its campaign page. Prints
 * the seeding time and one table, the engines side by side. Needs PostgreSQL on
 * ESAT_BENCH_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openStore } from '../server/store/index.ts';
import { freePort } from '../test/server/process.ts';
import {
  generateWorld,
  NATIONAL,
  ONE_CAF,
  PASSWORD,
  rng,
  TODAY,
  type GeneratedWorld,
  type WorldShape,
} from './world-national.ts';

const ADMIN_URL = process.env.ESAT_BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Certificats each user declares. */
const ROUNDS = Number(process.env.ESAT_BENCH_ROUNDS ?? 20);
/**
 * The pause of a user between two requests, in ms, drawn in [½, 1½] of it: a person takes about
 * 30 s per certificat; 1 s is a user twenty times faster. `ESAT_BENCH_PAUSE_MS=0` saturates the
 * service instead (every user sends its next request as soon as the last is answered).
 */
const PAUSE_MS = Number(process.env.ESAT_BENCH_PAUSE_MS ?? 1000);
/** Overrides the users of every run (`ESAT_BENCH_USERS=1`: the unloaded latency). */
const USERS = process.env.ESAT_BENCH_USERS ? Number(process.env.ESAT_BENCH_USERS) : undefined;

interface Run {
  label: string;
  engine: 'file' | 'postgres';
  shape: WorldShape;
  instances: number;
  users: number;
}

const runs: Run[] = [
  { label: 'fichier, 1 Caf (5 000)', engine: 'file', shape: ONE_CAF, instances: 1, users: 20 },
  {
    label: 'PostgreSQL, 1 Caf (5 000)',
    engine: 'postgres',
    shape: ONE_CAF,
    instances: 2,
    users: 50,
  },
  { label: 'PostgreSQL, national', engine: 'postgres', shape: NATIONAL, instances: 2, users: 50 },
];

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : NaN;
};
const f = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '—');

/** Starts one server process and waits until it answers. */
async function startInstance(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, ...env, PORT: String(port), ESAT_TODAY: TODAY, NODE_ENV: 'development' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const began = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`l'instance du port ${port} s'est arrêtée`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/calendar`);
      if (res.ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() - began > 120_000) throw new Error(`l'instance du port ${port} ne répond pas`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A logged-in user of one instance: its cookie and CSRF token. */
async function login(base: string, email: string) {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200)
    throw new Error(`connexion de ${email} : ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { base, cookie, csrf: csrfToken };
}

type Who = Awaited<ReturnType<typeof login>>;
const times: Record<string, number[]> = {};
let failures = 0;
async function timed(route: string, who: Who, method: string, path: string, body?: unknown) {
  try {
    await timedOnce(route, who, method, path, body);
  } catch (e) {
    failures++;
    if (failures <= 5) console.error(`${route} : ${(e as Error).message}`);
  }
}
async function timedOnce(route: string, who: Who, method: string, path: string, body?: unknown) {
  const t = performance.now();
  const res = await fetch(who.base + path, {
    method,
    headers: {
      Cookie: who.cookie,
      ...(method === 'GET' ? {} : { 'X-CSRF-Token': who.csrf, 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  (times[route] ??= []).push(performance.now() - t);
  if (res.status >= 400) {
    failures++;
    if (failures <= 5) console.error(`${route} : ${res.status} ${text.slice(0, 160)}`);
  }
}

async function seed(run: Run, world: GeneratedWorld) {
  const dirs = Array.from({ length: run.instances }, () =>
    mkdtempSync(join(tmpdir(), 'esat-scale-')),
  );
  let databaseUrl: string | undefined;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  if (run.engine === 'postgres') {
    await admin.connect().catch((e) => {
      throw new Error(
        `PostgreSQL injoignable sur ${ADMIN_URL} (${(e as Error).message}) : démarrez-le ` +
          '(pg_ctlcluster --skip-systemctl-redirect 15 main start).',
      );
    });
    const name = `esat_bench_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${name}`);
    databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  }
  const t = performance.now();
  const { store } = await openStore({ dataDir: dirs[0], databaseUrl, initial: () => world.data });
  await store.close();
  const seedMs = performance.now() - t;
  if (databaseUrl) {
    // What an operator does after a bulk load (README): the visibility map and the hint bits set
    // once, and the load's log checkpointed, rather than by the first requests of the day.
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    await db.query('VACUUM (ANALYZE)');
    await db.query('CHECKPOINT');
    await db.end();
  }
  const drop = async () => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    if (databaseUrl) {
      await admin.query(`DROP DATABASE ${new URL(databaseUrl).pathname.slice(1)} WITH (FORCE)`);
      await admin.end();
    }
  };
  return { dirs, databaseUrl, seedMs, drop };
}

async function bench(run: Run) {
  for (const k of Object.keys(times)) delete times[k];
  failures = 0;
  const t0 = performance.now();
  const world = await generateWorld(run.shape);
  const generateMs = performance.now() - t0;
  const seeded = await seed(run, world);
  const children: ChildProcess[] = [];
  try {
    const ports = await Promise.all(seeded.dirs.map(() => freePort()));
    for (const [i, port] of ports.entries()) {
      children.push(
        await startInstance(port, {
          ESAT_DATA_DIR: seeded.dirs[i],
          ...(seeded.databaseUrl ? { ESAT_DATABASE_URL: seeded.databaseUrl } : {}),
        }),
      );
    }
    const bases = ports.map((p) => `http://127.0.0.1:${p}`);
    // The users: the declarants of the largest Esat first (the busiest lists). With fewer Esat
    // than users (the one-Caf world has 20), an Esat has several users, each its own session and
    // its own share of the workers (no two users declare for the same worker).
    const bySize = world.data.esats
      .map((e, i) => ({ e, i, n: 0 }))
      .map((x) => ({ ...x, n: world.data.workers.filter((w) => w.esat === x.e.siret).length }))
      .sort((a, b) => b.n - a.n)
      .slice(0, run.users);
    const users = await Promise.all(
      Array.from({ length: run.users }, async (_, k) => {
        const { e, i } = bySize[k % bySize.length];
        const share = Math.floor(k / bySize.length);
        const shares = Math.ceil((run.users - (k % bySize.length)) / bySize.length);
        return {
          who: await login(bases[k % bases.length], world.declarants[i]),
          caf: e.cafs[0],
          todo: world.data.workers.filter(
            (w, j) => w.esat === e.siret && w.dossier === 'actif' && j % shares === share,
          ),
        };
      }),
    );
    const jitter = rng(7);
    const pause = () =>
      PAUSE_MS > 0
        ? new Promise((r) => setTimeout(r, PAUSE_MS * (0.5 + jitter())))
        : Promise.resolve();
    let running = true;
    const pinger = (async () => {
      const anon = { base: bases[0], cookie: '', csrf: '' };
      while (running) {
        await timed('GET /api/calendar', anon, 'GET', '/api/calendar');
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const tLoad = performance.now();
    await Promise.all(
      users.map(async (u) => {
        await pause();
        for (let r = 0; r < ROUNDS && r < u.todo.length; r++) {
          await timed('POST /api/declarations', u.who, 'POST', '/api/declarations', {
            workerId: u.todo[r].id,
            kind: 'certificat',
            data: { moisRemunerationGarantie: 12, remunerationGarantie: 1200, aideAuPoste: 700 },
          });
          await timed(
            'GET /api/workers',
            u.who,
            'GET',
            `/api/workers?caf=${u.caf}&page=1&pageSize=12`,
          );
          await pause();
          await timed(
            'GET /api/workers?q=',
            u.who,
            'GET',
            `/api/workers?caf=${u.caf}&q=lefevre&page=1&pageSize=12`,
          );
          await pause();
        }
      }),
    );
    const loadMs = performance.now() - tLoad;
    running = false;
    await pinger;
    const agent = await login(bases[0], world.agents.get(world.largestCaf)!);
    for (let i = 0; i < 10; i++)
      await timed('GET /api/caf/campagne', agent, 'GET', '/api/caf/campagne');
    return { run, generateMs, seedMs: seeded.seedMs, loadMs, world, times: { ...times }, failures };
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(
      children.map((c) => new Promise((r) => (c.exitCode !== null ? r(0) : c.once('exit', r)))),
    );
    await seeded.drop();
  }
}

async function main() {
  const only = process.argv[2];
  const results = [];
  for (const listed of runs) {
    if (only && !listed.label.includes(only)) continue;
    const run = USERS ? { ...listed, users: USERS } : listed;
    console.log(`… ${run.label}`);
    results.push(await bench(run));
  }
  console.log('');
  console.log(
    '| monde et stockage | données | génération + chargement | POST /api/declarations p50 / p99 | POST/s | liste p99 | filtre p99 | calendrier p99 / max | max de toutes | campagne de la plus grande Caf p50 / max | erreurs |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const t = r.times;
    const post = t['POST /api/declarations'] ?? [];
    const all = Object.entries(t)
      .filter(([k]) => k !== 'GET /api/caf/campagne')
      .flatMap(([, v]) => v);
    const d = r.world.data;
    console.log(
      `| ${r.run.label}, ${r.run.instances} instance(s), ${r.run.users} utilisateurs, pause ${PAUSE_MS} ms | ` +
        `${d.workers.length} travailleurs, ${d.esats.length} Esat, ${d.cafs.length} Caf, ${d.declarations.length} décl. | ` +
        `${(r.generateMs / 1000).toFixed(1)} s + ${(r.seedMs / 1000).toFixed(1)} s | ` +
        `${f(quantile(post, 0.5))} / ${f(quantile(post, 0.99))} ms | ${(post.length / (r.loadMs / 1000)).toFixed(0)} | ` +
        `${f(quantile(t['GET /api/workers'] ?? [], 0.99))} ms | ${f(quantile(t['GET /api/workers?q='] ?? [], 0.99))} ms | ` +
        `${f(quantile(t['GET /api/calendar'] ?? [], 0.99))} / ${f(Math.max(...(t['GET /api/calendar'] ?? [NaN])))} ms | ` +
        `${f(Math.max(...all))} ms | ` +
        `${f(quantile(t['GET /api/caf/campagne'] ?? [], 0.5))} / ${f(Math.max(...(t['GET /api/caf/campagne'] ?? [NaN])))} ms | ${r.failures} |`,
    );
  }
  console.log('');
  console.log(
    'Cibles (SPEC §11.6) : national chargé en moins de 2 min ; PostgreSQL, 2 instances, 50 utilisateurs : ' +
      'POST p99 < 50 ms, liste et filtre p99 < 30 ms, aucune requête > 100 ms, campagne < 200 ms ; ' +
      'fichier, 20 utilisateurs sur 5 000 travailleurs : POST p99 < 150 ms.',
  );
}

await main();
