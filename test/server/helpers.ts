/**
 * A fresh server per test: its own temp data dir seeded from the demo world (passwords hashed
 * once per file, at a light argon2id cost: see testWorld), requests through `app.request` (no port).
 */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { expect } from 'vitest';
import { createApp, type AppOptions } from '../../server/app.ts';
import { fileAudit } from '../../server/audit.ts';
import { buildData, demoWorld, DEMO_PASSWORD } from '../../server/demo.ts';
import { outboxMailer, type Mailer } from '../../server/mail.ts';
import {
  primaryKey,
  sequencesOf,
  worldTables,
  type Data,
  type Store,
  type Tables,
} from '../../server/store/index.ts';
import { anotherTestStore, openTestStore, testEngine } from './store-engine.ts';
import { jsonLines } from './process.ts';

export const VILLETTE = {
  declarant: 'sophie.bernard@ateliers-villette.test',
  referent: 'marc.petit@ateliers-villette.test',
};
export const SURESNES = { declarant: 'julie.moreau@jardin-suresnes.test' };
export const AGENT_PARIS = 'agent@caf-paris.test';
export const AGENT_92 = 'agent@caf-hauts-de-seine.test';
export const PROVISOIRE = 'nouveau.venu@ateliers-villette.test';
export { DEMO_PASSWORD };

let world: Promise<Data> | undefined;

/**
 * The argon2id cost of the test world's hashes: 1 MiB, 1 pass. Every login of a test verifies
 * one, at the cost written in it: ≈ 5 ms instead of ≈ 50 with the server's cost (R-AC-1), which
 * the hashes the routes make (new passwords) and the server's own worlds keep (world.test.ts).
 */
export const TEST_HASH_COST = { memoryCost: 1024, timeCost: 1 };

/** The demo world plus one provisional account, hashed once. */
export function testWorld(): Promise<Data> {
  world ??= (async () => {
    const seed = demoWorld();
    // The Esat-side tests start from no history; the Caf's tests load the demo's (cafSetup).
    delete seed.declarations;
    // A new list: demoWorld's is the module's own (pushing into it gave every later demoWorld()
    // of the process this account, which world.test's count of accounts saw).
    seed.users = [
      ...seed.users,
      {
        email: PROVISOIRE,
        password: DEMO_PASSWORD,
        role: 'declarant',
        esat: seed.esats[0].siret,
        provisional: true,
      },
    ];
    return buildData(seed, undefined, { hashCost: TEST_HASH_COST });
  })();
  return world;
}

export interface Setup {
  app: ReturnType<typeof createApp>;
  store: Store;
  dir: string;
  data: Data;
}

/** A new app on a new data dir (default today: 2 December 2026, campaign 2026 open). */
export async function setup(options: Partial<AppOptions> & { day?: string } = {}): Promise<Setup> {
  const dir = mkdtempSync(join(tmpdir(), 'esat-server-'));
  const initial = structuredClone(await testWorld());
  const store = await openTestStore(dir, initial);
  const day = options.day ?? '2026-12-02';
  const app = createApp({
    store,
    mailer: outboxMailer(dir),
    today: () => day,
    now: () => new Date(`${day}T10:15:00Z`),
    logError: () => undefined,
    audit: fileAudit(dir),
    ...options,
  });
  return { app, store, dir, data: initial };
}

export interface Call {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route's body, read as its test expects it
  json: any;
  headers: Headers;
  bytes: Uint8Array;
}

/** The CSRF token the server gave each session cookie, sent back by `call` as the UI does. */
const csrfTokens = new Map<string, string>();

/** The CSRF token known for a session cookie (`esat_session=…`). */
export const csrfOf = (cookie: string) => csrfTokens.get(cookie);

/**
 * One request; `cookie` is the session cookie, `body` is sent as JSON unless it is a string.
 * A state-changing request carries the session's CSRF token unless `csrf: false`.
 */
export async function call(
  app: Setup['app'],
  method: string,
  path: string,
  options: {
    cookie?: string;
    body?: unknown;
    headers?: Record<string, string>;
    csrf?: false;
  } = {},
): Promise<Call> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.Cookie = options.cookie;
  const token = options.cookie ? csrfTokens.get(options.cookie) : undefined;
  if (token && options.csrf !== false && !/^(GET|HEAD)$/.test(method)) {
    headers['X-CSRF-Token'] ??= token;
  }
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await app.request(path, {
    method,
    headers,
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  const json =
    type.includes('json') && bytes.length
      ? JSON.parse(Buffer.from(bytes).toString('utf8'))
      : undefined;
  if (typeof json?.csrfToken === 'string') {
    const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? options.cookie;
    if (cookie) csrfTokens.set(cookie, json.csrfToken);
  }
  return { status: res.status, json, headers: res.headers, bytes };
}

/** Logs in and returns the session cookie (`esat_session=…`). */
export async function login(
  app: Setup['app'],
  email: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const r = await call(app, 'POST', '/api/session', { body: { email, password } });
  if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.headers.get('set-cookie')!.split(';')[0];
}

/** Logs in and accepts both CGU: a user ready for the Espace Esat. */
export async function ready(app: Setup['app'], email: string): Promise<string> {
  const cookie = await login(app, email);
  const r = await call(app, 'POST', '/api/cgu', { cookie, body: { accept: true } });
  if (r.status !== 200) throw new Error(`cgu ${email}: ${r.status}`);
  return cookie;
}

/** R-AC-7: gives the identifiant de communication of a Caf that does not know the Esat's SIRET. */
export async function identifier(
  app: Setup['app'],
  cookie: string,
  caf: string,
  identifiant: string,
) {
  const r = await call(app, 'POST', `/api/cafs/${caf}/identifiant`, {
    cookie,
    body: { identifiant },
  });
  if (r.status !== 200)
    throw new Error(`identifiant ${caf}: ${r.status} ${JSON.stringify(r.json)}`);
}

/** A worker of the demo world by name. */
export function worker(data: Data, nom: string, prenom: string) {
  const w = data.workers.find((x) => x.nom === nom && x.prenom === prenom);
  if (!w) throw new Error(`no worker ${nom} ${prenom}`);
  return w;
}

/** The mails written to the outbox. */
export function outbox(dir: string) {
  return jsonLines<{ to: string; subject: string; text: string; date: string }>(
    join(dir, 'outbox.jsonl'),
  );
}

/**
 * What is committed now, as another process would find it: db.json on disk with the file store,
 * a second connection's read with PostgreSQL.
 */
export async function onDisk(dir: string): Promise<Data> {
  if (testEngine === 'postgres') {
    const other = await anotherTestStore();
    return other.dump();
  }
  return JSON.parse(readFileSync(join(dir, 'db.json'), 'utf8'));
}

/**
 * The text of a PDF as a reader gets it: poppler's pdftotext (Debian's poppler-utils), in the
 * order it was drawn (a wrapped value's lines follow each other).
 */
export function pdfText(bytes: Uint8Array): string {
  expect(existsSync('/usr/bin/pdftotext'), 'pdftotext manque : apt-get install poppler-utils').toBe(
    true,
  );
  return execFileSync('pdftotext', ['-raw', '-', '-'], { input: bytes }).toString();
}

export type { Mailer };

/** The whole world of a store as it is now (a copy: read it again after a request). */
export const lire = (store: Store): Promise<Data> => store.dump();

/**
 * Changes a store's world as a test sets the scene (a file closed, an old declaration): `change`
 * edits a copy, then every table is written back as it left it, in one transaction.
 */
export async function reecrire(store: Store, change: (data: Data) => void | Promise<void>) {
  const before = await store.dump();
  const after = structuredClone(before);
  await change(after);
  await store.transaction(async (tx) => {
    for (const t of worldTables) {
      const key = primaryKey[t] as (r: unknown) => string;
      const kept = new Set((after[t] as unknown[]).map(key));
      await tx.remove(
        t,
        (before[t] as unknown[]).map(key).filter((k) => !kept.has(k)),
      );
      const old = new Map((before[t] as unknown[]).map((r) => [key(r), JSON.stringify(r)]));
      for (const r of after[t] as Tables[typeof t][]) {
        if (old.get(key(r)) !== JSON.stringify(r)) await tx.put(t, r);
      }
    }
    // The references written by the scene are taken: the sequences go past them (R-FL-5).
    for (const [name, highest] of Object.entries(sequencesOf(after))) {
      const known = sequencesOf(before)[name] ?? 0;
      for (let n = known; n < highest; n++) await tx.next(name);
    }
  });
}

/** A store that calls `avant(operation)` before each operation of `base` (to count or to break). */
export function enveloppe(
  base: Store,
  avant: (operation: 'lecture' | 'transaction') => void,
): Store {
  return {
    engine: base.engine,
    get: (t, k) => (avant('lecture'), base.get(t, k)),
    find: (t, w, o) => (avant('lecture'), base.find(t, w, o)),
    count: (t, w) => (avant('lecture'), base.count(t, w)),
    travailleurs: (q) => (avant('lecture'), base.travailleurs(q)),
    transaction: (fn) => (avant('transaction'), base.transaction(fn)),
    touch: (t, k, p) => (avant('transaction'), base.touch(t, k, p)),
    load: (d) => base.load(d),
    dump: () => base.dump(),
    isEmpty: () => base.isEmpty(),
    close: () => base.close(),
  };
}
