/**
 * Issue 11, « Hardening, second pass »: one test per point the hostile client found (point 7,
 * the agent's CGU and password first, is tested with the Caf routes).
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  declarationKinds,
  formDefinition,
  validateDeclaration,
  type DeclarationKind,
} from '../../forms/index.ts';
import { outboxMailer, type Mail } from '../../server/mail.ts';
import { fileAudit } from '../../server/audit.ts';
import { openFileStore } from '../../server/store/index.ts';
import { createApp } from '../../server/app.ts';
import { PROFONDEUR_MAX } from '../../server/security.ts';
import {
  DEMO_PASSWORD,
  VILLETTE,
  SURESNES,
  call,
  csrfOf,
  login,
  onDisk,
  outbox,
  ready,
  setup,
  worker,
  lire,
  enveloppe,
} from './helpers.ts';

/** Valid data of every kind on 2 December 2026 (the helpers' default day). */
const valides: Record<DeclarationKind, Record<string, unknown>> = {
  certificat: { moisRemunerationGarantie: 12, remunerationGarantie: 1300, aideAuPoste: 700 },
  augmentation: {
    dateEffet: '2026-11-01',
    tauxAvant: 50,
    tauxApres: 80,
    remunerationGarantie: 900,
    aideAuPoste: 400,
  },
  reduction: {
    dateEffet: '2026-11-01',
    tauxAvant: 80,
    tauxApres: 50,
    remunerationGarantie: 900,
    aideAuPoste: 400,
  },
  depart: { dateDepart: '2026-11-30', motif: 'retraite' },
  'double-debut': {
    dateEffet: '2026-11-02',
    tauxEsatAvant: 100,
    tauxEsatApres: 60,
    tauxMilieuOrdinaire: 40,
  },
  'double-modification': { dateEffet: '2026-11-01', tauxEsatAvant: 60, tauxEsatApres: 50 },
  'double-fin': {
    dateEffet: '2026-11-10',
    tauxEsatAvant: 40,
    tauxMilieuOrdinaireAvant: 60,
    tauxEsatApres: 50,
    tauxMilieuOrdinaireApres: 0,
  },
};
const DAY = '2026-12-02';

/** Every own and inherited property name of Object.prototype, `__proto__` included. */
const nomsDuPrototype = Object.getOwnPropertyNames(Object.prototype);

/** `data` as JSON text with one more key (JSON text: `__proto__` is then a plain own key). */
const avecCle = (data: Record<string, unknown>, key: string, value: unknown = 'x') =>
  `${JSON.stringify(data).slice(0, -1)},${JSON.stringify(key)}:${JSON.stringify(value)}}`;

/** Through a trusting proxy, the client's address is the last of X-Forwarded-For. */
const depuis = (address: string) => ({ 'X-Forwarded-For': address });

/** Work deferred after the answers, run when the test says. */
function differe() {
  const jobs: (() => Promise<void>)[] = [];
  return {
    defer: (job: () => Promise<void>) => void jobs.push(job),
    jobs,
    async run() {
      while (jobs.length) await jobs.shift()!();
    },
  };
}

const contractShaped = (json: { error?: { code?: unknown; message?: unknown } }) => {
  expect(typeof json?.error?.code).toBe('string');
  expect(typeof json?.error?.message).toBe('string');
};

describe('issue 11: hardening, second pass', () => {
  it('point 1: a data key named like a member of Object.prototype is refused for every kind, by the validator and over HTTP; deep bodies are refused; only schema fields are stored', async () => {
    expect(nomsDuPrototype).toContain('__proto__');
    expect(nomsDuPrototype).toContain('constructor');
    // ajv tests a property's presence with `data[name] !== undefined` (ajv-validator/ajv#2664):
    // no field may be named like a member of Object.prototype.
    for (const kind of declarationKinds) {
      const names = formDefinition(kind).fields.map((f) => f.name);
      expect(
        names.filter((n) => nomsDuPrototype.includes(n)),
        kind,
      ).toEqual([]);
    }
    for (const kind of declarationKinds) {
      expect(validateDeclaration(kind, valides[kind], DAY), kind).toEqual([]);
      for (const key of nomsDuPrototype) {
        const data = JSON.parse(avecCle(valides[kind], key, 'y'.repeat(50_000)));
        expect(Object.hasOwn(data, key)).toBe(true);
        expect(validateDeclaration(kind, data, DAY), `${kind} ${key}`).toContainEqual({
          path: `/${key}`,
          message: "Ce champ n'est pas prévu pour cette déclaration.",
        });
      }
    }
    const { app, data, dir } = await setup();
    const cookie = await ready(app, VILLETTE.declarant);
    const benali = worker(data, 'BENALI', 'Karim');
    for (const kind of declarationKinds) {
      for (const key of nomsDuPrototype) {
        const body = `{"workerId":${JSON.stringify(benali.id)},"kind":"${kind}","data":${avecCle(valides[kind], key)}}`;
        const r = await call(app, 'POST', '/api/declarations', { cookie, body });
        expect(r.status, `${kind} ${key}`).toBe(422);
        expect(r.json.error.fields).toContainEqual({
          path: `/${key}`,
          message: "Ce champ n'est pas prévu pour cette déclaration.",
        });
      }
    }
    expect((await onDisk(dir)).declarations).toEqual([]);
    // Deep nesting: refused before any route reads it, whatever the route.
    const profond = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    for (const depth of [PROFONDEUR_MAX + 1, 4100]) {
      const body = `{"workerId":"${benali.id}","kind":"depart","data":{"dateDepart":"2026-11-30","motif":"retraite","x":${profond(depth)}}}`;
      const r = await call(app, 'POST', '/api/declarations', { cookie, body });
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe('json-trop-profond');
      const anonymous = await call(app, 'POST', '/api/session', { body: profond(depth) });
      expect(anonymous.status).toBe(400);
    }
    const atLimit = `{"workerId":"${benali.id}","kind":"depart","data":{"dateDepart":"2026-11-30","motif":"retraite","x":${profond(PROFONDEUR_MAX - 2)}}}`;
    expect((await call(app, 'POST', '/api/declarations', { cookie, body: atLimit })).status).toBe(
      422,
    );
    // A valid declaration is stored with exactly its schema's fields.
    const ok = await call(app, 'POST', '/api/declarations', {
      cookie,
      body: { workerId: benali.id, kind: 'double-fin', data: valides['double-fin'] },
    });
    expect(ok.status).toBe(201);
    expect(Object.keys((await onDisk(dir)).declarations[0].data).sort()).toEqual(
      Object.keys(valides['double-fin']).sort(),
    );
    // Drafts keep only the names of the forms' fields and of the questions.
    for (const saisie of [
      JSON.parse(avecCle({ aideAuPoste: '700' }, '__proto__')),
      { aideAuPoste: '700', inconnu: 'x' },
    ]) {
      const r = await call(app, 'PUT', `/api/drafts/${benali.id}`, {
        cookie,
        body: JSON.stringify({ teleprocedure: 'certificat', saisie }),
      });
      expect(r.status).toBe(400);
    }
    const draft = await call(app, 'PUT', `/api/drafts/${benali.id}`, {
      cookie,
      body: {
        teleprocedure: 'changement',
        reponses: { doubleActivite: 'non', 'situation.depart': 'oui' },
        saisie: { dateDepart: '30/11/2026' },
      },
    });
    expect(draft.status).toBe(204);
  });

  it('point 2: « Mot de passe oublié ? » is limited per client and per address (one mail per window, on the clock), and the current password stays valid', async () => {
    let t = Date.parse('2026-12-02T10:00:00Z');
    const later = differe();
    const { app, dir, store } = await setup({
      clock: () => t,
      trustProxy: true,
      defer: later.defer,
      forgotWindowMinutes: 5,
    });
    const forgot = (email: string, address: string) =>
      call(app, 'POST', '/api/password/forgot', { body: { email }, headers: depuis(address) });
    // 100 requests from one client: 10 are taken, then 429 — alike for a known and an unknown address.
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++)
      statuses.push((await forgot(VILLETTE.declarant, '203.0.113.5')).status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(10);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    const refused = await forgot('inconnu@nulle-part.test', '203.0.113.5');
    expect(refused.status).toBe(429);
    contractShaped(refused.json);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // 100 requests for one address from 100 clients: one provisional password, one mail.
    for (let i = 0; i < 100; i++)
      expect((await forgot(VILLETTE.declarant, `198.51.100.${i}`)).status).toBe(202);
    await later.run();
    expect(outbox(dir).filter((m) => m.to === VILLETTE.declarant)).toHaveLength(1);
    const firstReset = (await lire(store)).users.find(
      (u) => u.email === VILLETTE.declarant,
    )!.resetHash;
    expect(firstReset).toBeDefined();
    // After the window, one more.
    t += 5 * 60_000;
    expect((await forgot(VILLETTE.declarant, '192.0.2.1')).status).toBe(202);
    await later.run();
    expect(outbox(dir).filter((m) => m.to === VILLETTE.declarant)).toHaveLength(2);
    // The current password still opens the account.
    expect(
      (
        await call(app, 'POST', '/api/session', {
          body: { email: VILLETTE.declarant, password: DEMO_PASSWORD },
          headers: depuis('192.0.2.1'),
        })
      ).status,
    ).toBe(200);
  });

  it('point 3: before its answer, « Mot de passe oublié ? » does the same work whether the account exists or not (no lookup, hash, write, log nor mail)', async () => {
    const trace = async (email: string) => {
      const counts = { reads: 0, transactions: 0, mails: 0, audits: 0, deferred: 0 };
      const dir = mkdtempSync(join(tmpdir(), 'esat-oubli-'));
      const base = await setup();
      const store = enveloppe(base.store, (operation) =>
        operation === 'lecture' ? counts.reads++ : counts.transactions++,
      );
      const later: (() => Promise<void>)[] = [];
      const app = createApp({
        store,
        mailer: { send: async (m: Mail) => void (counts.mails++, await outboxMailer(dir).send(m)) },
        audit: { record: () => void counts.audits++ },
        today: () => DAY,
        defer: (job) => void (counts.deferred++, later.push(job)),
      });
      const r = await app.request('/api/password/forgot', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email }),
      });
      const before = { ...counts, status: r.status, body: await r.text() };
      for (const job of later) await job();
      return { before, after: counts };
    };
    const known = await trace(VILLETTE.declarant);
    const unknown = await trace('inconnu@nulle-part.test');
    expect(known.before).toEqual(unknown.before);
    // Before the answer: no read of the account; the one write is the per-address window of
    // R-AC-3 (in the store since R-ST-2), the same for both.
    expect(known.before).toMatchObject({
      reads: 0,
      transactions: 1,
      mails: 0,
      audits: 0,
      deferred: 1,
      status: 202,
    });
    // The work itself, after the answer (counted from the start): the known account only gets a password and a mail.
    expect(known.after).toMatchObject({ transactions: 2, mails: 1, audits: 1 });
    expect(unknown.after).toMatchObject({ transactions: 1, mails: 0, audits: 0 });
  });

  it('point 4: an undecodable path parameter gives a 4xx of the contract, never a 500', async () => {
    const { app } = await setup();
    // The app-level guard: a URIError anywhere is a 400 `requete-invalide`.
    app.get('/sonde-uri', (c) => c.text(decodeURIComponent('%')));
    const cookie = await ready(app, VILLETTE.referent);
    for (const param of ['%25', '%', '%zz', '%E9', '%C3%28']) {
      const r = await call(app, 'PATCH', `/api/users/${param}`, {
        cookie,
        body: { active: false },
      });
      expect(r.status, param).toBeGreaterThanOrEqual(400);
      expect(r.status, param).toBeLessThan(500);
      contractShaped(r.json);
      for (const path of [`/api/workers/${param}`, `/api/declarations/${param}/pdf`]) {
        const g = await call(app, 'GET', path, { cookie });
        expect(g.status, path).toBeLessThan(500);
        contractShaped(g.json);
      }
    }
    const probe = await call(app, 'GET', '/sonde-uri');
    expect(probe.status).toBe(400);
    expect(probe.json.error.code).toBe('requete-invalide');
  });

  it('point 5: one audit line is bounded, and anonymous clients are limited in what they make the service write', async () => {
    let t = Date.parse('2026-12-02T10:00:00Z');
    const { app, dir } = await setup({ clock: () => t, trustProxy: true });
    const lines = () => readFileSync(join(dir, 'audit.jsonl'), 'utf8').split('\n').filter(Boolean);
    const long = `/api/${'x'.repeat(15_000)}`;
    const pirate = { Origin: 'https://pirate.example', ...depuis('203.0.113.9') };
    const first = await call(app, 'POST', long, { body: {}, headers: pirate });
    expect(first.status).toBe(403);
    expect(lines()).toHaveLength(1);
    expect(lines()[0].length).toBeLessThan(400);
    const statuses: number[] = [];
    for (let i = 0; i < 99; i++)
      statuses.push((await call(app, 'POST', long, { body: {}, headers: pirate })).status);
    expect(statuses.filter((s) => s === 403)).toHaveLength(59);
    expect(statuses.slice(59).every((s) => s === 429)).toBe(true);
    expect(lines()).toHaveLength(60);
    expect(readFileSync(join(dir, 'audit.jsonl')).length).toBeLessThan(60 * 400);
    // A logged-in user behind the same address is not limited; the limit ends with its minute.
    t += 60_000;
    const r = await call(app, 'POST', '/api/session', {
      body: { email: VILLETTE.declarant, password: DEMO_PASSWORD },
      headers: depuis('203.0.113.9'),
    });
    expect(r.status).toBe(200);
    const session = r.headers.get('set-cookie')!.split(';')[0];
    for (let i = 0; i < 70; i++) {
      const cgu = await call(app, 'POST', '/api/cgu', {
        cookie: session,
        body: { accept: true },
        headers: depuis('203.0.113.9'),
      });
      expect(cgu.status).toBe(200);
    }
  });

  it('point 6: a wrong current password of « Mon mot de passe » counts as a failed login (slowed, then 429)', async () => {
    let t = Date.parse('2026-12-02T10:00:00Z');
    const { app } = await setup({ clock: () => t });
    const cookie = await login(app, VILLETTE.declarant);
    const change = (currentPassword: string) =>
      call(app, 'POST', '/api/password', {
        cookie,
        body: { currentPassword, newPassword: 'Le jardin de Suresnes fleurit en mai' },
      });
    for (let i = 0; i < 4; i++) expect((await change(`faux-${i}-mot-de-passe`)).status).toBe(422);
    const slowed = await change('faux-encore-mot-de-passe');
    expect(slowed.status).toBe(429);
    expect(slowed.json.error.code).toBe('trop-de-tentatives');
    expect(slowed.headers.get('retry-after')).toBe('2');
    // The login of the same account is slowed too: one counter.
    const other = await call(app, 'POST', '/api/session', {
      body: { email: VILLETTE.declarant, password: DEMO_PASSWORD },
    });
    expect(other.status).toBe(429);
    t += 2000;
    expect((await change(DEMO_PASSWORD)).status).toBe(200);
  });

  it('point 8: R-AC-7 wrong identifiants de communication are counted per account over time, not per session', async () => {
    let t = Date.parse('2026-12-02T10:00:00Z');
    const { app } = await setup({ clock: () => t });
    const essai = (cookie: string, identifiant: string) =>
      call(app, 'POST', '/api/cafs/921/identifiant', { cookie, body: { identifiant } });
    let cookie = await ready(app, VILLETTE.declarant);
    for (let i = 0; i < 5; i++) expect((await essai(cookie, `9${i}999`)).status).toBe(404);
    // A new login does not start the count again.
    cookie = await login(app, VILLETTE.declarant);
    const blocked = await essai(cookie, '92101');
    expect(blocked.status).toBe(429);
    expect(blocked.json.error.code).toBe('trop-de-tentatives');
    // Another account of the same Esat is not concerned.
    const referent = await ready(app, VILLETTE.referent);
    expect((await essai(referent, '92101')).status).toBe(200);
    t += 61 * 60_000;
    cookie = await login(app, VILLETTE.declarant);
    expect((await essai(cookie, '92101')).status).toBe(200);
  });

  it('point 9: the data directory is created 0700 and every file it holds is 0600 (db.json, its temporary file, audit.jsonl, outbox.jsonl)', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'esat-modes-'));
    const dir = join(parent, 'data');
    const { data } = await setup();
    const { store } = await openFileStore(dir, { initial: () => data });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'db.json')).mode & 0o777).toBe(0o600);
    // A temporary file left 0644 (a crash of an older version) is closed before it is renamed.
    writeFileSync(join(dir, 'db.json.tmp'), '{}', { mode: 0o644 });
    await store.transaction((tx) => tx.put('cafs', data.cafs[0]));
    expect(statSync(join(dir, 'db.json')).mode & 0o777).toBe(0o600);
    const mails = join(parent, 'mails');
    await outboxMailer(mails).send({ to: 'a@b.test', subject: 's', text: 't' });
    expect(statSync(mails).mode & 0o777).toBe(0o700);
    expect(statSync(join(mails, 'outbox.jsonl')).mode & 0o777).toBe(0o600);
    const logs = join(parent, 'logs');
    fileAudit(logs).record({ at: new Date().toISOString(), action: 'connexion' });
    expect(statSync(logs).mode & 0o777).toBe(0o700);
    expect(statSync(join(logs, 'audit.jsonl')).mode & 0o777).toBe(0o600);
    // An outbox left 0644 by an older version is closed at the next mail.
    const old = join(parent, 'old');
    await outboxMailer(old).send({ to: 'a@b.test', subject: 's', text: 't' });
    writeFileSync(join(old, 'outbox.jsonl'), '', { mode: 0o644 });
    await outboxMailer(old).send({ to: 'a@b.test', subject: 's', text: 't' });
    expect(statSync(join(old, 'outbox.jsonl')).mode & 0o777).toBe(0o600);
  });

  it('point 10: an Idempotency-Key sent again with another body is refused (422), the same body replays, and the key is per account', async () => {
    const { app, data, dir } = await setup();
    const cookie = await ready(app, VILLETTE.declarant);
    const benali = worker(data, 'BENALI', 'Karim');
    const post = (body: unknown, c = cookie) =>
      call(app, 'POST', '/api/declarations', {
        cookie: c,
        body,
        headers: { 'Idempotency-Key': 'cle-1' },
      });
    const body = { workerId: benali.id, kind: 'depart', data: valides.depart };
    const first = await post(body);
    expect(first.status).toBe(201);
    // The same request, keys in another order: the first answer again.
    const again = await post({
      data: { motif: 'retraite', dateDepart: '2026-11-30' },
      kind: 'depart',
      workerId: benali.id,
    });
    expect(again.status).toBe(201);
    expect(again.json.id).toBe(first.json.id);
    const other = await post({ ...body, data: { ...valides.depart, motif: 'deces' } });
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe('cle-idempotence-reutilisee');
    expect(other.json.error.message).toMatch(/clé d'idempotence.*déjà servi/);
    expect((await onDisk(dir)).declarations).toHaveLength(1);
    // Another account's same key is its own.
    const suresnes = await ready(app, SURESNES.declarant);
    const sw = data.workers.find((w) => w.esat !== benali.esat && w.dossier === 'actif')!;
    const theirs = await post({ workerId: sw.id, kind: 'depart', data: valides.depart }, suresnes);
    expect(theirs.status, JSON.stringify(theirs.json)).toBe(201);
    expect(theirs.json.id).not.toBe(first.json.id);
  });

  it('point 11: failed logins are slowed first (growing delay, 429 with Retry-After), locked later, and the provisional password of « Mot de passe oublié ? » still gets in', async () => {
    let t = Date.parse('2026-12-02T10:00:00Z');
    const later = differe();
    const { app, dir } = await setup({ clock: () => t, defer: later.defer });
    const essai = (password: string) =>
      call(app, 'POST', '/api/session', { body: { email: VILLETTE.declarant, password } });
    for (let i = 0; i < 4; i++) expect((await essai(`faux-${i}-mot-de-passe`)).status).toBe(401);
    // Slowed: for 2 s even the right password waits, told by Retry-After.
    const slowed = await essai(DEMO_PASSWORD);
    expect(slowed.status).toBe(429);
    expect(slowed.headers.get('retry-after')).toBe('2');
    expect(slowed.json.error.message).toMatch(/Patientez 2 secondes/);
    t += 2000;
    expect((await essai('faux-4-mot-de-passe')).status).toBe(401);
    const longer = await essai(DEMO_PASSWORD);
    expect(longer.headers.get('retry-after')).toBe('4');
    t += 4000;
    expect((await essai(DEMO_PASSWORD)).status).toBe(200);
    // Locked after 10 failures (each delay waited out): 15 minutes, the right password included.
    for (let i = 0; i < 10; i++) {
      expect((await essai(`faux-${i}-mot-de-passe`)).status).toBe(401);
      t += 2 ** Math.max(0, i - 1) * 1000;
    }
    const locked = await essai(DEMO_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.json.error.message).toMatch(/minutes/);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(60);
    // The legitimate user asks for a provisional password: it opens the locked account.
    await call(app, 'POST', '/api/password/forgot', { body: { email: VILLETTE.declarant } });
    await later.run();
    const provisional = /valable 24 heures : (\S+)/.exec(outbox(dir).at(-1)!.text)![1];
    const inside = await essai(provisional);
    expect(inside.status).toBe(200);
    expect(inside.json.user.mustChangePassword).toBe(true);
  });

  it('point 12: obviously guessable passwords are refused whatever their length, with the reason in French', async () => {
    const { app } = await setup();
    const cookie = await login(app, VILLETTE.declarant);
    for (const [newPassword, why] of [
      // zxcvbn's estimate, its reasons in French (@zxcvbn-ts/language-fr).
      ['aaaaaaaaaaaa', 'Les caractères répétés'],
      ['Aa1!Aa1!Aa1!', 'Les caractères répétés'],
      ['Bonjour-Bonjour-', 'Les caractères répétés'],
      ['AZERTYazerty', 'similaire à un mot de passe couramment utilisé'],
      ['qsdfghjklmwx', 'lignes droites de touches de votre clavier'],
      ['abcdefgh1234', 'séquences de caractères communs'],
      ['zyxwvutsrqpo', 'séquences de caractères communs'],
    ]) {
      const r = await call(app, 'POST', '/api/password', {
        cookie,
        body: { currentPassword: DEMO_PASSWORD, newPassword },
      });
      expect(r.status, newPassword).toBe(422);
      expect(r.json.error.code).toBe('mot-de-passe-refuse');
      expect(r.json.error.fields[0].message, newPassword).toContain(why);
    }
    const ok = await call(app, 'POST', '/api/password', {
      cookie,
      body: { currentPassword: DEMO_PASSWORD, newPassword: 'Xk9#mP2$vL7q-Suresnes' },
    });
    expect(ok.status).toBe(200);
  });

  it('point 13: JSON routes require Content-Type: application/json (415 otherwise); file routes are exempted by name', async () => {
    const { app } = await setup();
    const json = JSON.stringify({ email: VILLETTE.declarant, password: DEMO_PASSWORD });
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      undefined,
    ]) {
      const r = await app.request('/api/session', {
        method: 'POST',
        headers: type ? { 'Content-Type': type } : {},
        body: json,
      });
      expect(r.status, type).toBe(415);
      const body = await r.json();
      expect(body.error.code).toBe('type-non-supporte');
      expect(body.error.message).toMatch(/application\/json/);
    }
    const cookie = await ready(app, VILLETTE.referent);
    for (const [method, path, body] of [
      ['PATCH', `/api/users/${VILLETTE.declarant}`, '{"active":false}'],
      ['POST', '/api/cgu', '{"accept":true}'],
    ]) {
      const r = await app.request(path, {
        method,
        headers: { Cookie: cookie, 'X-CSRF-Token': csrfOf(cookie)!, 'Content-Type': 'text/plain' },
        body,
      });
      expect(r.status, path).toBe(415);
    }
    const charset = await app.request('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: json,
    });
    expect(charset.status).toBe(200);
    // /api/imports takes files: not refused for its type (it is not mounted yet: 404).
    const file = await app.request('/api/imports', {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv' },
      body: 'a;b\n1;2\n',
    });
    expect(file.status).not.toBe(415);
  });
});
