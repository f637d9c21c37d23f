/**
 * The product's start from its variables (PORT, ESAT_DATA_DIR, ESAT_SEED…; `npm start` gives
 * process.env, server/index.ts): the API and the built UI (dist/) on PORT, data in ESAT_DATA_DIR
 * (demo world or ESAT_SEED on first start), and its clean stop. Never logs passwords (except the
 * demo ones), sessions or amounts.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { join, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
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

/** A configuration or data the product cannot start with; the message says why, in French. */
export class ErreurDemarrage extends Error {}

/** Where the start and the stop write what they say (console for `npm start`). */
export interface Journal {
  log(ligne: string): void;
  warn(ligne: string): void;
}

/** The product, listening. */
export interface Produit {
  /** The loopback address it answers on (`http://127.0.0.1:PORT`, https with TLS). */
  url: string;
  port: number;
  dataDir: string;
  /**
   * A clean stop: no new connection, the mails being sent marked as sent, the audit's last lines,
   * the file's last writes, the pool.
   */
  arreter(): Promise<void>;
}

/**
 * Starts the product from `env` (process.env for `npm start`; PORT 0 for a free port). Throws
 * ErreurDemarrage, with the French reason, when it must not start.
 */
export async function demarrer(
  env: Record<string, string | undefined>,
  journal: Journal = console,
): Promise<Produit> {
  const port = Number(env.PORT ?? 3000);
  const dataDir = resolve(env.ESAT_DATA_DIR ?? './data');
  const dist = resolve('dist');

  function number(name: string, fallback: number): number {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) {
      throw new ErreurDemarrage(
        `${name} invalide : un nombre positif est attendu (got ${JSON.stringify(raw)}).`,
      );
    }
    return value;
  }

  const demandedToday = env.ESAT_TODAY || undefined;
  if (demandedToday !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(demandedToday)) {
    throw new ErreurDemarrage('ESAT_TODAY invalide : format attendu AAAA-MM-JJ (YYYY-MM-DD).');
  }
  // SPEC §9: "today" is fixed outside production only; in production declarations bear the real date.
  const production = env.NODE_ENV === 'production';
  if (demandedToday && production) {
    journal.warn(
      `ESAT_TODAY=${demandedToday} ignoré : en production (NODE_ENV=production) la date du jour est la vraie. ` +
        `(ESAT_TODAY ignored in production.)`,
    );
  }
  const fixedToday = production ? undefined : demandedToday;
  const idleMinutes = number('ESAT_SESSION_IDLE_MINUTES', INACTIVITE_MINUTES);
  const passwordMaxAgeDays = number('ESAT_PASSWORD_MAX_AGE_DAYS', 92);

  // HTTPS without a reverse proxy: ESAT_TLS_CERT and ESAT_TLS_KEY name PEM files.
  const tlsCert = env.ESAT_TLS_CERT;
  const tlsKey = env.ESAT_TLS_KEY;
  if (!!tlsCert !== !!tlsKey) {
    throw new ErreurDemarrage(
      'ESAT_TLS_CERT et ESAT_TLS_KEY vont ensemble (certificate and key go together).',
    );
  }
  let tls: { cert: Buffer; key: Buffer } | undefined;
  try {
    tls =
      tlsCert && tlsKey ? { cert: readFileSync(tlsCert), key: readFileSync(tlsKey) } : undefined;
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? 'inconnue';
    throw new ErreurDemarrage(
      `Certificat ou clé TLS illisible (${why}) : le serveur ne démarre pas.\nTLS certificate or key cannot be read (${why}).`,
    );
  }

  let opened;
  try {
    opened = await openStore({
      dataDir,
      databaseUrl: env.ESAT_DATABASE_URL || undefined,
      initial: () => buildData(env.ESAT_SEED ? readSeed(env.ESAT_SEED) : demoWorld()),
    });
  } catch (e) {
    // A damaged or unreadable data file stops the server: starting empty would write over it.
    if (e instanceof SeedError || e instanceof DataFileError) throw new ErreurDemarrage(e.message);
    const why = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.name : 'inconnue');
    throw new ErreurDemarrage(
      `Impossible d'ouvrir les données dans ${dataDir} (${why}) : le serveur ne démarre pas.\n` +
        `Cannot open the data in ${dataDir} (${why}): the server does not start.`,
    );
  }
  const { store, created } = opened;

  const today = () => fixedToday ?? isoToday();
  // With a fixed day, declarations are stamped on that day (Paris) at the current Paris time of
  // day, so that a demo's history and R-CE-6 message read coherently.
  const now = fixedToday ? fixedDayClock(fixedToday) : () => new Date();

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
    passwordMaxAgeDays,
    trustProxy: env.ESAT_TRUST_PROXY === '1' || env.ESAT_TRUST_PROXY === 'true',
    audit,
    outbox,
  });

  const root = createSite(api, dist);
  const protocol = tls ? 'https' : 'http';
  const listen = tls
    ? { fetch: root.fetch, port, createServer: createHttpsServer, serverOptions: tls }
    : { fetch: root.fetch, port };
  let server: ServerType;
  let ecoute: number;
  try {
    ecoute = await new Promise<number>((ok, refus) => {
      server = serve(listen, (info) => {
        // Only the listen's own error is a refusal to start; a later one is not swallowed here.
        server.off('error', refus);
        ok(info.port);
      });
      server.once('error', refus);
    });
  } catch (e) {
    await store.close();
    const why = (e as NodeJS.ErrnoException).code ?? 'inconnue';
    throw new ErreurDemarrage(
      `Le port ${port} n'est pas disponible (${why}) : le serveur ne démarre pas.\n` +
        `Port ${port} is not available (${why}): the server does not start.`,
    );
  }
  journal.log(`Espace Esat : ${protocol}://localhost:${ecoute}/`);
  journal.log(
    `Données : ${dataDir}${created ? (env.ESAT_SEED ? ' (créées depuis ESAT_SEED)' : ' (monde de démonstration créé)') : ''}`,
  );
  if (fixedToday) journal.log(`Date du jour fixée : ${fixedToday}`);
  if (!env.SMTP_URL) journal.log(`Courriels : ${join(dataDir, 'outbox.jsonl')}`);
  await printDemoAccounts(store, (l) => journal.log(l));

  // Behind a load balancer (nginx keeps upstream connections open): an idle connection is closed by
  // the balancer first, never by us in the middle of its reuse.
  if ('keepAliveTimeout' in server!) {
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
  }

  // R-ST-4: the mail left in the outbox (a crash, SMTP down) goes out, from whichever instance.
  const envois = outbox.start(30_000);
  // Expired sessions and throttle counters are removed by the database's sweep (R-ST-2).
  const balayage = startSweep(store, idleMinutes * 60_000);

  let arret: Promise<void> | undefined;
  return {
    url: `${protocol}://127.0.0.1:${ecoute}`,
    port: ecoute,
    dataDir,
    arreter: () =>
      (arret ??= (async () => {
        envois.stop();
        balayage.stop();
        await new Promise<void>((ok) => {
          server.close(() => ok());
          // The answers under way are finished; the idle kept-alive connections (65 s) are not
          // waited on, nor, after 5 s, a connection that is still open.
          const http1 = server;
          if ('closeIdleConnections' in http1) {
            http1.closeIdleConnections();
            setTimeout(() => http1.closeAllConnections(), 5000).unref();
          }
        });
        await outbox.termine();
        await audit.termine?.();
        await store.close();
      })()),
  };
}
