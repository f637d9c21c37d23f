/** The référent manages the users of its Esat (SPEC §1, issue #5); a déclarant cannot. */
import { describe, expect, it } from 'vitest';
import { SURESNES, VILLETTE, call, login, outbox, ready, setup } from './helpers.ts';

const NOUVELLE = 'lea.roux@ateliers-villette.test';

describe('users of an Esat, managed by its référent', () => {
  it('lists the Esat’s users only, with role, state and last login', async () => {
    const { app } = await setup();
    const cookie = await ready(app, VILLETTE.referent);
    const r = await call(app, 'GET', '/api/users', { cookie });
    expect(r.status).toBe(200);
    const emails = r.json.map((u: { email: string }) => u.email);
    expect(emails).toContain(VILLETTE.declarant);
    expect(emails).toContain(VILLETTE.referent);
    expect(emails).not.toContain(SURESNES.declarant);
    expect(r.json.every((u: { role: string }) => u.role !== 'agent')).toBe(true);
    const moi = r.json.find((u: { email: string }) => u.email === VILLETTE.referent);
    expect(moi).toMatchObject({ role: 'referent', active: true });
    // Stamped with the server's "now" (ESAT_TODAY in demos), like the declarations.
    expect(moi.lastLoginAt).toBe('2026-12-02T10:15:00.000Z');
    const jamais = r.json.find((u: { email: string }) => u.email === VILLETTE.declarant);
    expect(jamais.lastLoginAt).toBeNull();
  });

  it('a déclarant gets 403 on every users route', async () => {
    const { app } = await setup();
    const cookie = await ready(app, VILLETTE.declarant);
    expect((await call(app, 'GET', '/api/users', { cookie })).status).toBe(403);
    const create = await call(app, 'POST', '/api/users', {
      cookie,
      body: { email: NOUVELLE, role: 'declarant' },
    });
    expect(create.status).toBe(403);
    expect(create.json.error.message).toMatch(/Seul le référent/);
    const patch = await call(app, 'PATCH', `/api/users/${VILLETTE.referent}`, {
      cookie,
      body: { active: false },
    });
    expect(patch.status).toBe(403);
  });

  it('creates a user with a provisional password sent by mail, to change at first login', async () => {
    const { app, dir } = await setup();
    const cookie = await ready(app, VILLETTE.referent);
    const r = await call(app, 'POST', '/api/users', {
      cookie,
      body: { email: ` ${NOUVELLE.toUpperCase()} `, role: 'declarant' },
    });
    expect(r.status).toBe(201);
    expect(r.json).toEqual({
      email: NOUVELLE,
      role: 'declarant',
      active: true,
      provisional: true,
      lastLoginAt: null,
    });
    const mail = outbox(dir).find((m) => m.to === NOUVELLE)!;
    expect(mail.subject).toMatch(/compte a été créé/);
    const password = /Mot de passe provisoire : (\S+)/.exec(mail.text)![1];
    const first = await call(app, 'POST', '/api/session', {
      body: { email: NOUVELLE, password },
    });
    expect(first.status).toBe(200);
    expect(first.json.user).toEqual({
      email: NOUVELLE,
      role: 'declarant',
      mustChangePassword: true,
    });
    // The same address again: 409 with a message at the field.
    const again = await call(app, 'POST', '/api/users', {
      cookie,
      body: { email: NOUVELLE, role: 'referent' },
    });
    expect(again.status).toBe(409);
    expect(again.json.error.fields[0].path).toBe('/email');
  });

  it('refuses a malformed address or role with French messages at the fields', async () => {
    const { app } = await setup();
    const cookie = await ready(app, VILLETTE.referent);
    const r = await call(app, 'POST', '/api/users', {
      cookie,
      body: { email: 'pas-une-adresse', role: 'agent' },
    });
    expect(r.status).toBe(422);
    expect(r.json.error.fields.map((f: { path: string }) => f.path)).toEqual(['/email', '/role']);
    expect(r.json.error.fields[0].message).toMatch(/adresse e-mail valide/);
    expect((await call(app, 'POST', '/api/users', { cookie, body: { email: 1 } })).status).toBe(
      400,
    );
  });

  it('deactivating ends the user’s sessions and refuses its logins with the generic message; reactivating restores', async () => {
    const { app } = await setup();
    const referent = await ready(app, VILLETTE.referent);
    const declarant = await ready(app, VILLETTE.declarant);
    expect((await call(app, 'GET', '/api/me', { cookie: declarant })).status).toBe(200);
    const off = await call(app, 'PATCH', `/api/users/${encodeURIComponent(VILLETTE.declarant)}`, {
      cookie: referent,
      body: { active: false },
    });
    expect(off.status).toBe(200);
    expect(off.json.active).toBe(false);
    expect((await call(app, 'GET', '/api/me', { cookie: declarant })).status).toBe(401);
    await expect(login(app, VILLETTE.declarant)).rejects.toThrow(/401.*identifiants-invalides/);
    const on = await call(app, 'PATCH', `/api/users/${encodeURIComponent(VILLETTE.declarant)}`, {
      cookie: referent,
      body: { active: true },
    });
    expect(on.json.active).toBe(true);
    expect(await login(app, VILLETTE.declarant)).toMatch(/^esat_session=/);
  });

  it('cannot deactivate itself nor touch another Esat’s user (404)', async () => {
    const { app } = await setup();
    const cookie = await ready(app, VILLETTE.referent);
    const self = await call(app, 'PATCH', `/api/users/${encodeURIComponent(VILLETTE.referent)}`, {
      cookie,
      body: { active: false },
    });
    expect(self.status).toBe(409);
    expect(self.json.error.message).toMatch(/propre compte/);
    const other = await call(app, 'PATCH', `/api/users/${encodeURIComponent(SURESNES.declarant)}`, {
      cookie,
      body: { active: false },
    });
    expect(other.status).toBe(404);
  });
});
