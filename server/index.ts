/**
 * Starts the product: the API and the built UI (dist/) on PORT, data in ESAT_DATA_DIR (demo world
 * or ESAT_SEED on first start). Never logs passwords (except the demo ones), sessions or amounts.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { isoToday } from '../forms/calendrier.ts';
import { INACTIVITE_MINUTES } from '../machines/session.machine.ts';
import { createApp } from './app.ts';
import { fileAudit, pgAudit, type Audit } from './audit.ts';
import { fixedDayClock } from './clock.ts';
import { SeedError, buildData, demoWorld, printDemoAccounts, readSeed } from './demo.ts';
import { DataFileError } from './store/durable.ts';
import { createMailer } from './mail.ts';
import { createOutboxSender } from './outbox.ts';
import { startSweep } from './limits.ts';
import { openStore } from './store/index.ts';
import { createSite } from './site.ts';

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

const demandedToday = env.ESAT_TODAY || undefined;
if (demandedToday !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(demandedToday)) {
  console.error('ESAT_TODAY invalide : format attendu AAAA-MM-JJ (YYYY-MM-DD).');
  process.exit(1);
}
// SPEC §9: "today" is fixed outside production only; in production declarations bear the real date.
const production = env.NODE_ENV === 'production';
if (demandedToday && production) {
  console.warn(
    `ESAT_TODAY=${demandedToday} ignoré : en production (NODE_ENV=production) la date du jour est la vraie. ` +
      `(ESAT_TODAY ignored in production.)`,
  );
}
const fixedToday = production ? undefined : demandedToday;

let opened;
try {
  opened = await openStore({
    dataDir,
    databaseUrl: env.ESAT_DATABASE_URL || undefined,
    initial: () => buildData(env.ESAT_SEED ? readSeed(env.ESAT_SEED) : demoWorld()),
  });
} catch (e) {
  // A damaged or unreadable data file stops the server: starting empty would write over it.
  if (e instanceof SeedError || e instanceof DataFileError) {
    console.error(e.message);
    process.exit(1);
  }
  const why = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.name : 'inconnue');
  console.error(
    `Impossible d'ouvrir les données dans ${dataDir} (${why}) : le serveur ne démarre pas.\n` +
      `Cannot open the data in ${dataDir} (${why}): the server does not start.`,
  );
  process.exit(1);
}
const { store, created } = opened;

const today = () => fixedToday ?? isoToday();
// With a fixed day, declarations are stamped on that day (Paris) at the current Paris time of
// day, so that a demo's history and R-CE-6 message read coherently.
const now = fixedToday ? fixedDayClock(fixedToday) : () => new Date();

const idleMinutes = number('ESAT_SESSION_IDLE_MINUTES', INACTIVITE_MINUTES);
const mailer = createMailer({ smtpUrl: env.SMTP_URL, dataDir, from: env.SMTP_FROM });
// R-ST-4: one sender for the accusés this instance writes and for what is left in the outbox.
const outbox = createOutboxSender({ store, mailer });
// The audit log where the records are: the database's, shared by the instances, or the data dir's.
const audit: Audit & { termine?(): Promise<void> } = env.ESAT_DATABASE_URL
  ? pgAudit(env.ESAT_DATABASE_URL)
  : fileAudit(dataDir);
const api = createApp({
  store,
  mailer,
  today,
  now,
  idleMinutes,
  passwordMaxAgeDays: number('ESAT_PASSWORD_MAX_AGE_DAYS', 92),
  trustProxy: env.ESAT_TRUST_PROXY === '1' || env.ESAT_TRUST_PROXY === 'true',
  audit,
  outbox,
});

const root = createSite(api, dist);

// HTTPS without a reverse proxy: ESAT_TLS_CERT and ESAT_TLS_KEY name PEM files.
const tlsCert = env.ESAT_TLS_CERT;
const tlsKey = env.ESAT_TLS_KEY;
if (!!tlsCert !== !!tlsKey) {
  console.error('ESAT_TLS_CERT et ESAT_TLS_KEY vont ensemble (certificate and key go together).');
  process.exit(1);
}
let tls: { cert: Buffer; key: Buffer } | undefined;
try {
  tls = tlsCert && tlsKey ? { cert: readFileSync(tlsCert), key: readFileSync(tlsKey) } : undefined;
} catch (e) {
  const why = (e as NodeJS.ErrnoException).code ?? 'inconnue';
  console.error(
    `Certificat ou clé TLS illisible (${why}) : le serveur ne démarre pas.\nTLS certificate or key cannot be read (${why}).`,
  );
  process.exit(1);
}
const protocol = tls ? 'https' : 'http';

const listen = tls
  ? { fetch: root.fetch, port, createServer: createHttpsServer, serverOptions: tls }
  : { fetch: root.fetch, port };
const server = serve(listen, (info) => {
  console.log(`Espace Esat : ${protocol}://localhost:${info.port}/`);
  console.log(
    `Données : ${dataDir}${created ? (env.ESAT_SEED ? ' (créées depuis ESAT_SEED)' : ' (monde de démonstration créé)') : ''}`,
  );
  if (fixedToday) console.log(`Date du jour fixée : ${fixedToday}`);
  if (!env.SMTP_URL) console.log(`Courriels : ${join(dataDir, 'outbox.jsonl')}`);
  void printDemoAccounts(store);
});

// Behind a load balancer (nginx keeps upstream connections open): an idle connection is closed by
// the balancer first, never by us in the middle of its reuse.
if ('keepAliveTimeout' in server) {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}

// R-ST-4: the mail left in the outbox (a crash, SMTP down) goes out, from whichever instance.
outbox.start(30_000);
// Expired sessions and throttle counters are removed by the database's sweep (R-ST-2).
startSweep(store, idleMinutes * 60_000);

// A clean stop (SIGTERM from systemd or the load balancer): the mails being sent marked as sent,
// the audit's last lines, the file's last writes, the pool.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void outbox
      .termine()
      .then(() => audit.termine?.())
      .then(() => store.close())
      .finally(() => process.exit(0));
  });
}
