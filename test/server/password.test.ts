/**
 * R-AC-4 through HTTP: the policy with its French messages — length, not the e-mail, not a
 * commonly breached password (bare or decorated), not one of the last 5.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, VILLETTE, call, login, setup, lire } from './helpers.ts';

/** Changes the password of the session `cookie`; returns the answer and the renewed cookie. */
async function changer(
  app: Awaited<ReturnType<typeof setup>>['app'],
  cookie: string,
  from: string,
  to: string,
) {
  const r = await call(app, 'POST', '/api/password', {
    cookie,
    body: { currentPassword: from, newPassword: to },
  });
  return { r, cookie: r.headers.get('set-cookie')?.split(';')[0] ?? cookie };
}

describe('R-AC-4: password policy', () => {
  it.each([
    ['password1234', 'trop courant'],
    ['123456789012', 'trop courant'],
    ['qwerty123456', 'trop courant'],
    ['Password2026!', 'trop courant'],
    ['!!Motdepasse2027', 'trop courant'],
    ['Azertyuiop1234', 'trop courant'],
    ['SOLEIL-1234567', 'trop courant'],
    ['court-1', 'au moins 12 caractères'],
    ['x'.repeat(129), 'au plus 128 caractères'],
    [VILLETTE.declarant.toUpperCase(), "l'adresse e-mail"],
  ])(
    'refuses « %s » (%s) with 422 and a French message at /newPassword',
    async (newPassword, why) => {
      const { app } = await setup();
      const cookie = await login(app, VILLETTE.declarant);
      const { r } = await changer(app, cookie, DEMO_PASSWORD, newPassword);
      expect(r.status).toBe(422);
      expect(r.json.error.code).toBe('mot-de-passe-refuse');
      expect(r.json.error.fields).toEqual([
        { path: '/newPassword', message: expect.stringContaining(why) },
      ]);
    },
  );

  it('accepts a long phrase, and a password of 64 characters', async () => {
    const { app } = await setup();
    let cookie = await login(app, VILLETTE.declarant);
    const phrase = 'Le jardin de Suresnes fleurit en mai';
    const first = await changer(app, cookie, DEMO_PASSWORD, phrase);
    expect(first.r.status).toBe(200);
    cookie = first.cookie;
    const long = 'Une-longue-phrase-de-passe-'.padEnd(64, 'z');
    expect((await changer(app, cookie, phrase, long)).r.status).toBe(200);
  });

  it('refuses any of the last 5 passwords (the current one and the 4 before it), accepts the 6th back', async () => {
    const { app } = await setup();
    let cookie = await login(app, VILLETTE.declarant);
    const suite = [
      DEMO_PASSWORD,
      'Premier secret de Sophie 1',
      'Deuxieme secret de Sophie 2',
      'Troisieme secret de Sophie 3',
      'Quatrieme secret de Sophie 4',
      'Cinquieme secret de Sophie 5',
    ];
    for (let i = 1; i < suite.length; i++) {
      const step = await changer(app, cookie, suite[i - 1], suite[i]);
      expect(step.r.status, suite[i]).toBe(200);
      cookie = step.cookie;
    }
    const current = suite[5];
    // The current one.
    const same = await changer(app, cookie, current, current);
    expect(same.r.status).toBe(422);
    // The 4 before it.
    for (const old of suite.slice(2, 5)) {
      const again = await changer(app, cookie, current, old);
      expect(again.r.status, old).toBe(422);
      expect(again.r.json.error.fields).toEqual([
        { path: '/newPassword', message: expect.stringContaining('5 derniers') },
      ]);
    }
    const again = await changer(app, cookie, current, suite[1]);
    expect(again.r.status, suite[1]).toBe(422);
    // The 6th back (the demo password) is allowed again.
    expect((await changer(app, cookie, current, DEMO_PASSWORD)).r.status).toBe(200);
  });

  it('keeps only hashes of the previous passwords (argon2id), never the passwords', async () => {
    const { app, store } = await setup();
    const cookie = await login(app, VILLETTE.declarant);
    await changer(app, cookie, DEMO_PASSWORD, 'Premier secret de Sophie 1');
    const user = (await lire(store)).users.find((u) => u.email === VILLETTE.declarant)!;
    expect(user.previousHashes).toHaveLength(1);
    expect(user.previousHashes![0]).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(await lire(store))).not.toContain(DEMO_PASSWORD);
  });
});
