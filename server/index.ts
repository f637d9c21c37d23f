/**
 * Starts the product: the API and the built UI (dist/) on PORT, data in ESAT_DATA_DIR (demo world
 * or ESAT_SEED on first start). Never logs passwords (except the demo ones), sessions or amounts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { isoToday } from '../forms/calendrier.ts';
import { createApp } from './app.ts';
import { SeedError, buildData, demoWorld, printDemoAccounts, readSeed } from './demo.ts';
import { createMailer } from './mail.ts';
import { openStore } from './store.ts';

const env = process.env;
const port = Number(env.PORT ?? 3000);
const dataDir = resolve(env.ESAT_DATA_DIR ?? './data');
const dist = resolve('dist');

function number(name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`${name} invalide : un nombre positif est attendu (got ${JSON.stringify(raw)}).`);
    process.exit(1);
  }
  return value;
}

const fixedToday = env.ESAT_TODAY;
if (fixedToday !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(fixedToday)) {
  console.error('ESAT_TODAY invalide : format attendu AAAA-MM-JJ (YYYY-MM-DD).');
  process.exit(1);
}
if (fixedToday && env.NODE_ENV === 'production' && !env.ESAT_SEED) {
  console.warn(`Attention : ESAT_TODAY=${fixedToday} fixe la date du jour.`);
}

let opened;
try {
  opened = await openStore(dataDir, {
    initial: () => buildData(env.ESAT_SEED ? readSeed(env.ESAT_SEED) : demoWorld()),
  });
} catch (e) {
  if (e instanceof SeedError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
const { store, created } = opened;

const today = () => fixedToday ?? isoToday();
// With a fixed day, declarations are stamped on that day at the current time of day (UTC), so
// that a demo's history and R-CE-6 message read coherently.
const now = fixedToday
  ? () => new Date(Date.parse(`${fixedToday}T00:00:00Z`) + (Date.now() % 86_400_000))
  : () => new Date();

const api = createApp({
  store,
  mailer: createMailer({ smtpUrl: env.SMTP_URL, dataDir, from: env.SMTP_FROM }),
  today,
  now,
  idleMinutes: number('ESAT_SESSION_IDLE_MINUTES', 30),
  passwordMaxAgeDays: number('ESAT_PASSWORD_MAX_AGE_DAYS', 92),
});

const root = new Hono();
root.route('/', api);
if (existsSync(join(dist, 'index.html'))) {
  const index = readFileSync(join(dist, 'index.html'), 'utf8');
  root.use('/*', serveStatic({ root: dist }));
  // The UI is one page: any other GET outside /api gets it.
  root.get('*', (c) => c.html(index));
} else {
  root.get('*', (c) =>
    c.text("L'interface n'est pas construite : lancez `npm run build` (ou `npm start`).\nThe UI is not built: run `npm run build`.", 503),
  );
}

serve({ fetch: root.fetch, port }, (info) => {
  console.log(`Espace Esat : http://localhost:${info.port}/`);
  console.log(`Données : ${dataDir}${created ? (env.ESAT_SEED ? ' (créées depuis ESAT_SEED)' : ' (monde de démonstration créé)') : ''}`);
  if (fixedToday) console.log(`Date du jour fixée : ${fixedToday}`);
  if (!env.SMTP_URL) console.log(`Courriels : ${join(dataDir, 'outbox.jsonl')}`);
  printDemoAccounts(store.read());
});
