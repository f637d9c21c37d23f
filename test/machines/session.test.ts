import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import { dureeRestante, sessionMachine } from '../../machines/session.machine.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function start(renouveler: () => Promise<void> = async () => {}) {
  const calls: string[] = [];
  const machine = sessionMachine.provide({
    actors: {
      renouveler: fromPromise(async () => {
        calls.push('renouveler');
        await renouveler();
      }),
    },
  });
  const actor = createActor(machine, { input: { idleMinutes: 30 } }).start();
  actor.send({ type: 'session.demarrer' });
  return { actor, calls };
}

const minutes = (n: number) => vi.advanceTimersByTimeAsync(n * 60_000);

describe('R-SE-1: the session timeout, on a simulated clock', () => {
  it('warns at 25 minutes of inactivity, with the time left counting down', async () => {
    const { actor } = start();
    await minutes(24.99);
    expect(actor.getSnapshot().matches('active')).toBe(true);
    await minutes(0.01);
    expect(actor.getSnapshot().matches('avertissement')).toBe(true);
    expect(actor.getSnapshot().context.restant).toBe(300);
    await vi.advanceTimersByTimeAsync(71_000);
    expect(actor.getSnapshot().context.restant).toBe(229);
    expect(dureeRestante(actor.getSnapshot().context.restant)).toBe('3 minutes 49 secondes');
  });

  it('activity before the warning starts the 25 minutes again', async () => {
    const { actor } = start();
    await minutes(20);
    actor.send({ type: 'session.activite' });
    await minutes(20);
    expect(actor.getSnapshot().matches('active')).toBe(true);
    await minutes(5);
    expect(actor.getSnapshot().matches('avertissement')).toBe(true);
  });

  it('expires at 30 minutes without « Continuer »', async () => {
    const { actor } = start();
    await minutes(30);
    expect(actor.getSnapshot().matches('expiree')).toBe(true);
  });

  it('« Continuer » renews the session on the server and resets the 30 minutes', async () => {
    const { actor, calls } = start();
    await minutes(27);
    actor.send({ type: 'session.prolonger' });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['renouveler']);
    expect(actor.getSnapshot().matches('active')).toBe(true);
    await minutes(24);
    expect(actor.getSnapshot().matches('active')).toBe(true);
  });

  it('a renewal the server refuses means the session has expired', async () => {
    const { actor } = start(async () => Promise.reject({ status: 401, code: 'session-expiree' }));
    await minutes(26);
    actor.send({ type: 'session.prolonger' });
    await vi.advanceTimersByTimeAsync(0);
    expect(actor.getSnapshot().matches('expiree')).toBe(true);
  });

  it('a 401 session-expiree from any call shows the expiry at once', async () => {
    const { actor } = start();
    actor.send({ type: 'session.expiree' });
    expect(actor.getSnapshot().matches('expiree')).toBe(true);
    actor.send({ type: 'session.terminer' });
    expect(actor.getSnapshot().matches('inactive')).toBe(true);
  });

  it.each([
    [229, '3 minutes 49 secondes'],
    [60, '1 minute'],
    [1, '1 seconde'],
    [0, '0 seconde'],
  ])('dureeRestante(%i) = %s', (s, text) => {
    expect(dureeRestante(s)).toBe(text);
  });
});
