import { setTimeout as sleep } from 'node:timers/promises';
import { hc } from 'hono/client';
import { describe, expect, it } from 'vitest';
import type { AppType } from '../../server/app.ts';
import { DEMO_PASSWORD, VILLETTE, call, login, outbox, setup } from './helpers.ts';

describe('typed client and forgotten password', () => {
  it('AppType drives a typed client (hc) against the app, without a port', async () => {
    const { app } = await setup({ day: '2027-01-15' });
    const client = hc<AppType>('http://localhost', {
      fetch: (input: RequestInfo | URL, init?: RequestInit) => app.request(input, init),
    });
    const res = await client.api.calendar.$get();
    const body = await res.json();
    expect(body.campaign.year).toBe(2026);
    expect(body.certificatOpen).toBe(true);
  });

  it('R-AC-3: the provisional password sent by mail opens a session that must change it; the old one still works until then', async () => {
    const { app, dir } = await setup();
    expect(
      (await call(app, 'POST', '/api/password/forgot', { body: { email: VILLETTE.declarant } }))
        .status,
    ).toBe(202);
    for (let i = 0; i < 50 && outbox(dir).length === 0; i++) await sleep(20);
    const [mail] = outbox(dir);
    expect(mail.to).toBe(VILLETTE.declarant);
    const provisional = /valable 24 heures : (\S+)/.exec(mail.text)![1];
    expect(provisional.length).toBeGreaterThanOrEqual(12);
    await login(app, VILLETTE.declarant, DEMO_PASSWORD);
    const r = await call(app, 'POST', '/api/session', {
      body: { email: VILLETTE.declarant, password: provisional },
    });
    // The first login with the old password cleared the pending reset: the mailed one is void.
    expect(r.status).toBe(401);
  });

  it('R-AC-3: used before any other login, the provisional password forces a change (mustChangePassword)', async () => {
    const { app, dir } = await setup();
    await call(app, 'POST', '/api/password/forgot', { body: { email: VILLETTE.declarant } });
    for (let i = 0; i < 50 && outbox(dir).length === 0; i++) await sleep(20);
    const provisional = /valable 24 heures : (\S+)/.exec(outbox(dir)[0].text)![1];
    const r = await call(app, 'POST', '/api/session', {
      body: { email: VILLETTE.declarant, password: provisional },
    });
    expect(r.status).toBe(200);
    expect(r.json.user.mustChangePassword).toBe(true);
    expect(
      (
        await call(app, 'POST', '/api/session', {
          body: { email: VILLETTE.declarant, password: DEMO_PASSWORD },
        })
      ).status,
    ).toBe(401);
  });
});
