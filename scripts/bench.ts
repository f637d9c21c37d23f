/**
 * `npm run bench`: latency of the Espace Esat's busiest routes on a large invented world
 * (1 Esat, 2 000 workers of one Caf, 20 000 past declarations), over real HTTP on 127.0.0.1,
 * and the agent Caf's pages (SPEC §10): the campaign, the declarations, a CSV and an XLSX export
 * of the 20 000 declarations with their time and the process's peak memory.
 *
 * The world is built directly as records (only the two users' passwords are hashed, argon2 being
 * slow on purpose) in a fresh temp data dir, removed at the end. Requests are sequential, after a
 * short warm-up, bounded in count (N per route) and in time (a cap per route and one overall).
 * Prints db.json's size before and after, the time to open the store, and a Markdown table.
 */
import { printFirstScreenSize } from './bench-premier-ecran.ts';
import { rng } from './world-national.ts';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { serve } from '@hono/node-server';
import { hash } from '@node-rs/argon2';
import { campagne } from '../forms/calendrier.ts';
import { createApp } from '../server/app.ts';
import { outboxMailer } from '../server/mail.ts';
import { LOT_DEFAUT } from '../server/import/envoi.ts';
import {
  emptyData,
  openFileStore,
  type Data,
  type DeclarationRecord,
  type WorkerRecord,
} from '../server/store/index.ts';

const TODAY = '2026-12-02';
const NOW = new Date(`${TODAY}T10:15:00Z`);
const CAF = '751';
const SIRET = '44306184100062';
const EMAIL = 'declarant@bench-esat.test';
const PASSWORD = 'Bench-Esat-2026!';
const AGENT = 'agent@bench-caf.test';
const WORKERS = 2_000;
const DECLARATIONS = 20_000;
const N = 300;
const WARMUP = 20;
/** Per route, and for the whole measuring phase (milliseconds). */
const ROUTE_CAP_MS = 60_000;
const TOTAL_CAP_MS = 240_000;

const random = rng(20261202);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

const NOMS = [
  'LEFÈVRE',
  'LEFEBVRE',
  'MARTIN',
  'BERNARD',
  'DUBOIS',
  'THOMAS',
  'ROBERT',
  'RICHARD',
  'PETIT',
  'DURAND',
  'LEROY',
  'MOREAU',
  'SIMON',
  'LAURENT',
  'MICHEL',
  'GARCIA',
  'DAVID',
  'BERTRAND',
  'ROUX',
  'VINCENT',
  'FOURNIER',
  'MOREL',
  'GIRARD',
  'ANDRÉ',
  'MERCIER',
  'DUPONT',
  'LAMBERT',
  'BONNET',
  'FRANÇOIS',
  'MARTINEZ',
  'LEGRAND',
  'GARNIER',
  'FAURE',
  'ROUSSEAU',
  'BLANC',
  'GUÉRIN',
  'MULLER',
  'HENRY',
  'ROUSSEL',
  'NICOLAS',
  'PERRIN',
  'MORIN',
  'MATHIEU',
  'CLÉMENT',
  'GAUTHIER',
  'DUMONT',
  'LOPEZ',
  'FONTAINE',
  'CHEVALIER',
  'ROBIN',
  'MÉNARD',
  'CHÂTELAIN',
  'HÉBERT',
  'TRAORÉ',
  'OZTÜRK',
  'BENOÎT',
  'ÉTIENNE',
  'DA SILVA',
  'NGUYEN',
  'DIALLO',
  'BENALI',
  'COHEN',
  'BRUNEL',
];
const PRENOMS = [
  'Anne',
  'Thomas',
  'Karim',
  'Lucie',
  'Chloé',
  'Loïc',
  'Jérôme',
  'Maëlle',
  'Noémie',
  'Mamadou',
  'Céline',
  'Raphaël',
  'Sarah',
  'Gaëtan',
  'Inès',
  'François',
  'Emre',
  'Zoé',
  'Bérénice',
  'João',
  'Hélène',
  'Mathis',
  'Léa',
  'Éric',
  'Aurélie',
  'Fatoumata',
  'Yannick',
  'Clémence',
  'Élodie',
  'Kévin',
  'Océane',
  'Benoît',
  'Anaïs',
  'Jean-Noël',
  'Hugo',
  'Agnès',
  'Timothée',
  'Salomé',
  'Baptiste',
  'Joëlle',
  'Cédric',
  'Léonie',
  'Minh',
  'Thi Hoa',
  'Nadia',
  'Marc',
  'Julie',
  'Sophie',
];

const certificatData = () => ({
  moisRemunerationGarantie: 12,
  remunerationGarantie: 1000 + Math.round(random() * 400),
  aideAuPoste: 600 + Math.round(random() * 200),
});
const reductionData = (dateEffet: string) => ({
  dateEffet,
  tauxAvant: 80,
  tauxApres: 50,
  remunerationGarantie: 900,
  aideAuPoste: 400,
});

/** The world: 1 Caf, 1 Esat, a declarant and an agent (hashed), 2 000 workers, 20 000 declarations. */
async function buildWorld(): Promise<Data> {
  const at = NOW.toISOString();
  const workers: WorkerRecord[] = Array.from({ length: WORKERS }, (_, i) => ({
    id: randomUUID(),
    // 7 digits: the Caf code then a 4-digit counter.
    numeroAllocataire: `${CAF}${String(i + 1).padStart(4, '0')}`,
    caf: CAF,
    esat: SIRET,
    nom: pick(NOMS),
    prenom: pick(PRENOMS),
    dateNaissance: `${1965 + Math.floor(random() * 38)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
    // All files open, so that any worker can take a declaration.
    dossier: 'actif',
    tauxActivite: pick([100, 80, 60, 50]),
  }));
  // Over the last two years (730 days before TODAY); certificats fall in a campaign (Dec–Feb).
  const start = NOW.getTime() - 730 * 86_400_000;
  const declarations: DeclarationRecord[] = Array.from({ length: DECLARATIONS }, () => {
    const w = pick(workers);
    let when = new Date(start + random() * (NOW.getTime() - 86_400_000 - start));
    const isCertificat = random() < 0.5;
    if (isCertificat) {
      // Move into the campaign of that year: 1 December .. 28 February.
      const y = when.getUTCMonth() >= 2 ? when.getUTCFullYear() : when.getUTCFullYear() - 1;
      const campaignStart = Date.UTC(y, 11, 1, 8);
      when = new Date(campaignStart + random() * 89 * 86_400_000);
      // Never in today's campaign: the new certificats of the bench must not answer 409 (R-CE-6).
      const current = campagne(TODAY).year;
      if (when.getTime() < start || campagne(when.toISOString().slice(0, 10)).year >= current)
        when = new Date(Date.UTC(current - 1, 11, 10, 9));
    }
    const submittedAt = when.toISOString();
    const day = submittedAt.slice(0, 10);
    return {
      id: randomUUID(),
      kind: isCertificat ? 'certificat' : 'reduction',
      workerId: w.id,
      esat: SIRET,
      caf: CAF,
      userEmail: EMAIL,
      data: isCertificat ? certificatData() : reductionData(day),
      ...(isCertificat ? { campaignYear: campagne(day).year } : {}),
      submittedAt,
    };
  });
  return {
    ...emptyData(),
    cafs: [{ code: CAF, name: 'Caf de Paris' }],
    esats: [
      {
        siret: SIRET,
        name: 'Esat Les Ateliers du Banc',
        address: '1 rue des Mesures, 75019 Paris',
        cafs: [CAF],
        communicationIds: { [CAF]: '00000075101' },
      },
    ],
    users: [
      {
        email: EMAIL,
        passwordHash: await hash(PASSWORD),
        role: 'declarant',
        esat: SIRET,
        provisional: false,
        cguAccepted: false,
        passwordChangedAt: at,
      },
      {
        email: AGENT,
        passwordHash: await hash(PASSWORD),
        role: 'agent',
        caf: CAF,
        provisional: false,
        cguAccepted: false,
        passwordChangedAt: at,
      },
    ],
    workers,
    declarations,
  };
}

const mib = (file: string) => (statSync(file).size / 1024 / 1024).toFixed(2);
const ms = (x: number) => x.toFixed(2);

function quantile(sorted: number[], q: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

interface Result {
  route: string;
  n: number;
  errors: number;
  times: number[];
}

async function main() {
  const began = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'esat-bench-'));
  let server: ReturnType<typeof serve> | undefined;
  try {
    const t0 = performance.now();
    const world = await buildWorld();
    const buildMs = performance.now() - t0;

    const t1 = performance.now();
    const created = await openFileStore(dir, { initial: () => world });
    const createMs = performance.now() - t1;
    const file = created.file;
    const sizeBefore = mib(file);

    // The time to open an existing store: read and parse db.json (what a restart costs).
    const t2 = performance.now();
    const { store } = await openFileStore(dir);
    const openMs = performance.now() - t2;

    const app = createApp({
      store,
      mailer: outboxMailer(dir, () => NOW),
      today: () => TODAY,
      now: () => NOW,
      logError: (m) => console.error(m),
    });
    const port = await new Promise<number>((resolve, reject) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        resolve(info.port),
      );
      server.once('error', reject);
    });
    const base = `http://127.0.0.1:${port}`;

    let csrf = '';
    const request = async (method: string, path: string, cookie?: string, body?: unknown) => {
      const headers: Record<string, string> = {};
      if (cookie) headers.Cookie = cookie;
      // CSRF (issue 5): the session's token on every state-changing request, as the UI sends it.
      if (cookie && method !== 'GET') headers['X-CSRF-Token'] = csrf;
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const res = await fetch(base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { res, text };
    };

    // Log in and accept the CGU (R-AC-5), as the tests' helpers do.
    const login = await request('POST', '/api/session', undefined, {
      email: EMAIL,
      password: PASSWORD,
    });
    if (login.res.status !== 200) throw new Error(`login: ${login.res.status} ${login.text}`);
    const cookie = login.res.headers.get('set-cookie')!.split(';')[0];
    csrf = (JSON.parse(login.text) as { csrfToken: string }).csrfToken;
    const cgu = await request('POST', '/api/cgu', cookie, { accept: true });
    if (cgu.res.status !== 200) throw new Error(`cgu: ${cgu.res.status} ${cgu.text}`);
    const declarantCsrf = csrf;
    // The agent of the Caf (SPEC §10), logged in the same way.
    const agentLogin = await request('POST', '/api/session', undefined, {
      email: AGENT,
      password: PASSWORD,
    });
    if (agentLogin.res.status !== 200) throw new Error(`agent login: ${agentLogin.res.status}`);
    const agent = agentLogin.res.headers.get('set-cookie')!.split(';')[0];
    csrf = (JSON.parse(agentLogin.text) as { csrfToken: string }).csrfToken;
    const agentCgu = await request('POST', '/api/cgu', agent, { accept: true });
    if (agentCgu.res.status !== 200) throw new Error(`agent cgu: ${agentCgu.res.status}`);
    csrf = declarantCsrf;

    const q = `/api/workers?caf=${CAF}`;
    const lefevre = world.workers.filter((w) => /^LEF[EÈ]VRE$/.test(w.nom)).length;
    // Workers for the certificats: each one only once (R-CE-6 would answer 409).
    const fresh = [...world.workers];
    let nextWorker = 0;
    const fiches = world.workers;

    const scenarios: {
      route: string;
      expect: number;
      run: (i: number) => Promise<{ res: Response; text: string }>;
    }[] = [
      {
        route: `GET ${q}&page=1&pageSize=12`,
        expect: 200,
        run: () => request('GET', `${q}&page=1&pageSize=12`, cookie),
      },
      {
        route: `GET ${q}&q=lefevre (${lefevre} matches)`,
        expect: 200,
        run: () => request('GET', `${q}&q=lefevre&page=1&pageSize=12`, cookie),
      },
      {
        route: `GET ${q}&page=80&pageSize=12`,
        expect: 200,
        run: () => request('GET', `${q}&page=80&pageSize=12`, cookie),
      },
      {
        route: 'GET /api/workers/:id (fiche + history)',
        expect: 200,
        run: (i) => request('GET', `/api/workers/${fiches[(i * 37) % fiches.length].id}`, cookie),
      },
      {
        route: 'POST /api/declarations (certificat)',
        expect: 201,
        run: () =>
          request('POST', '/api/declarations', cookie, {
            workerId: fresh[nextWorker++ % fresh.length].id,
            kind: 'certificat',
            data: { moisRemunerationGarantie: 12, remunerationGarantie: 1200, aideAuPoste: 700 },
          }),
      },
      {
        route: 'GET /api/caf/campagne (agent)',
        expect: 200,
        run: () => request('GET', '/api/caf/campagne', agent),
      },
      {
        route: 'GET /api/caf/campagne?year=2025&sort=-manquants (agent)',
        expect: 200,
        run: () => request('GET', '/api/caf/campagne?year=2025&sort=-manquants', agent),
      },
      {
        route: 'GET /api/caf/declarations?pageSize=20 (agent)',
        expect: 200,
        run: () => request('GET', '/api/caf/declarations?pageSize=20', agent),
      },
      {
        route: 'GET /api/caf/declarations?kind=certificat&from=…&to=…&page=50 (agent)',
        expect: 200,
        run: () =>
          request(
            'GET',
            '/api/caf/declarations?kind=certificat&from=2025-01-01&to=2026-06-30&page=50&pageSize=20',
            agent,
          ),
      },
    ];

    const results: Result[] = [];
    const measureStart = performance.now();
    for (const s of scenarios) {
      const result: Result = { route: s.route, n: 0, errors: 0, times: [] };
      for (let i = 0; i < WARMUP; i++) {
        const r = await s.run(i);
        if (r.res.status !== s.expect)
          throw new Error(`${s.route} (warm-up): ${r.res.status} ${r.text.slice(0, 200)}`);
      }
      const routeStart = performance.now();
      for (let i = 0; i < N; i++) {
        const now = performance.now();
        if (now - routeStart > ROUTE_CAP_MS || now - measureStart > TOTAL_CAP_MS) break;
        const t = performance.now();
        const r = await s.run(WARMUP + i);
        result.times.push(performance.now() - t);
        result.n++;
        if (r.res.status !== s.expect) {
          result.errors++;
          if (result.errors <= 3)
            console.error(`${s.route}: ${r.res.status} ${r.text.slice(0, 200)}`);
        }
      }
      results.push(result);
    }

    const exports = [];
    for (const format of ['csv', 'xlsx'] as const)
      exports.push(await measureExport(base, agent, format));

    // What the posts wrote is on disk (each transaction awaits its write).
    const sizeAfter = mib(file);
    const declarationsAfter = await store.count('declarations', {});

    console.log('');
    console.log(
      `Monde : 1 Esat, ${WORKERS} travailleurs (Caf ${CAF}), ${DECLARATIONS} déclarations passées ; today = ${TODAY}`,
    );
    console.log(
      `Transport : HTTP réel sur ${base} (fetch séquentiel, ${WARMUP} requêtes de chauffe par route)`,
    );
    console.log(`Construction du monde (1 hash argon2) : ${ms(buildMs)} ms`);
    console.log(`Création de db.json (openStore + initial) : ${ms(createMs)} ms`);
    console.log(`Ouverture du store existant (lecture + JSON.parse) : ${ms(openMs)} ms`);
    console.log(
      `db.json avant : ${sizeBefore} MiB ; après : ${sizeAfter} MiB (${declarationsAfter} déclarations)`,
    );
    console.log('');
    console.log('| route | n | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const r of results) {
      const sorted = [...r.times].sort((a, b) => a - b);
      const errors = r.errors ? ` (${r.errors} erreurs)` : '';
      console.log(
        `| \`${r.route}\`${errors} | ${r.n} | ${ms(quantile(sorted, 0.5))} | ${ms(quantile(sorted, 0.95))} | ${ms(quantile(sorted, 0.99))} | ${ms(sorted[sorted.length - 1] ?? NaN)} |`,
      );
    }
    console.log('');
    console.log(
      '| export (agent, toutes les déclarations) | lignes | octets | durée (ms) | RSS avant → pic (MiB) | tas avant → pic (MiB) |',
    );
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const e of exports) {
      console.log(
        `| \`GET /api/caf/export?format=${e.format}\` | ${e.rows} | ${e.bytes} | ${ms(e.ms)} | ${e.rssBefore} → ${e.rssPeak} | ${e.heapBefore} → ${e.heapPeak} |`,
      );
    }
    console.log('');
    // Issue 16: the login page's files and every lazy chunk (scripts/bench-premier-ecran.ts).
    if (!printFirstScreenSize()) process.exitCode = 1;
    // R-IM-6: after the other measures, on workers none of them declared.
    const importFailed = await benchImport(base, cookie, csrf, world.workers.slice(-IMPORT_ROWS));
    console.log('');
    console.log(`Durée totale : ${((performance.now() - began) / 1000).toFixed(1)} s`);
    const failed = results.some((r) => r.errors > 0) || importFailed;
    if (failed) process.exitCode = 1;
  } finally {
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    // The store may still be writing its last save as the server closes: retried.
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  }
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/**
 * One export of every declaration of the Caf, read as it comes and thrown away (as a browser
 * saving a file): its time to the last byte, and the process's memory sampled every 5 ms (the
 * server runs in this process, so RSS and heap include it).
 */
async function measureExport(base: string, cookie: string, format: 'csv' | 'xlsx') {
  globalThis.gc?.();
  const before = process.memoryUsage();
  let rssPeak = before.rss;
  let heapPeak = before.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    rssPeak = Math.max(rssPeak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  }, 5);
  const t = performance.now();
  const res = await fetch(`${base}/api/caf/export?format=${format}`, {
    headers: { Cookie: cookie },
  });
  if (res.status !== 200) throw new Error(`export ${format}: ${res.status} ${await res.text()}`);
  let bytes = 0;
  let newlines = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    if (format === 'csv') for (const b of value) if (b === 10) newlines++;
  }
  const elapsed = performance.now() - t;
  clearInterval(sampler);
  const m = process.memoryUsage();
  rssPeak = Math.max(rssPeak, m.rss);
  heapPeak = Math.max(heapPeak, m.heapUsed);
  return {
    format,
    rows: format === 'csv' ? String(newlines - 1) : '—',
    bytes,
    ms: elapsed,
    rssBefore: mb(before.rss),
    rssPeak: mb(rssPeak),
    heapBefore: mb(before.heapUsed),
    heapPeak: mb(heapPeak),
  };
}

/** R-IM-6: rows of the import's file, and its targets (milliseconds). */
const IMPORT_ROWS = 500;
const IMPORT_REPORT_TARGET_MS = 2_000;
const IMPORT_ENVOI_TARGET_MS = 30_000;

/**
 * R-IM-6: a 500-row payroll file (CSV, `;`, decimal commas « 1 234,56 ») checked by
 * POST /api/imports (the report), then sent by POST /api/imports/:id/envoi called until
 * restants = 0, as the UI does; each certificat a real declaration written to db.json. Prints its
 * own table; true when a target is missed or a row is not sent.
 */
async function benchImport(
  base: string,
  cookie: string,
  csrf: string,
  workers: WorkerRecord[],
): Promise<boolean> {
  const dateFr = (iso: string) => iso.split('-').reverse().join('/');
  const csv = [
    'N° allocataire;Nom;Prénom;Date de naissance;Nb mois RG;RG nette;Aide au poste',
    ...workers.map((w, i) =>
      [
        w.numeroAllocataire,
        w.nom,
        w.prenom,
        dateFr(w.dateNaissance),
        '12',
        `1 ${String(100 + (i % 300)).padStart(3, '0')},${String(i % 100).padStart(2, '0')}`,
        `${600 + (i % 200)},00`,
      ].join(';'),
    ),
  ].join('\r\n');
  const headers = { Cookie: cookie, 'X-CSRF-Token': csrf };
  const t0 = performance.now();
  const created = await fetch(`${base}/api/imports?caf=${CAF}`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'text/csv', 'X-Filename': 'bench.csv' },
    body: '\ufeff' + csv,
  });
  const reportMs = performance.now() - t0;
  const body = (await created.json()) as {
    id: string;
    report: { comptes: { prets: number; lignes: number } };
  };
  if (created.status !== 201) throw new Error(`POST /api/imports: ${created.status}`);
  const t1 = performance.now();
  let calls = 0;
  let last = { envoyes: 0, restants: body.report.comptes.prets, erreurs: 0 };
  const batches: number[] = [];
  while (last.restants > 0 && calls < 200) {
    const tb = performance.now();
    const r = await fetch(`${base}/api/imports/${body.id}/envoi`, { method: 'POST', headers });
    batches.push(performance.now() - tb);
    if (r.status !== 200) throw new Error(`envoi: ${r.status} ${await r.text()}`);
    last = (await r.json()) as typeof last;
    calls++;
  }
  const envoiMs = performance.now() - t1;
  const sorted = [...batches].sort((a, b) => a - b);
  console.log('');
  console.log(
    `Import d'un fichier de paie (R-IM-6) : ${IMPORT_ROWS} lignes CSV, ${body.report.comptes.prets} prêtes ; envoi par lots de ${LOT_DEFAUT} (${calls} appels)`,
  );
  console.log('');
  console.log('| étape | lignes | temps (ms) | objectif (ms) | atteint |');
  console.log('|---|---:|---:|---:|:---:|');
  const reportOk = reportMs < IMPORT_REPORT_TARGET_MS && body.report.comptes.prets === IMPORT_ROWS;
  const envoiOk =
    envoiMs < IMPORT_ENVOI_TARGET_MS && last.envoyes === IMPORT_ROWS && last.erreurs === 0;
  console.log(
    `| rapport (\`POST /api/imports\`) | ${body.report.comptes.lignes} | ${ms(reportMs)} | ${IMPORT_REPORT_TARGET_MS} | ${reportOk ? 'oui' : 'non'} |`,
  );
  console.log(
    `| envoi complet (\`POST /api/imports/:id/envoi\` × ${calls}) | ${last.envoyes} | ${ms(envoiMs)} | ${IMPORT_ENVOI_TARGET_MS} | ${envoiOk ? 'oui' : 'non'} |`,
  );
  console.log(
    `| un lot de l'envoi : p50 / max | ${LOT_DEFAUT} | ${ms(quantile(sorted, 0.5))} / ${ms(sorted.at(-1) ?? NaN)} | — | — |`,
  );
  return !reportOk || !envoiOk;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
