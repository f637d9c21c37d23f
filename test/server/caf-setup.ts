/**
 * The Caf's tests: the demo world with its history (the 2025 campaign, the first certificats of
 * 2026, a few changes), on a fresh data dir, and the agents ready (CGU accepted).
 */
import { buildDeclarations, demoWorld } from '../../server/demo.ts';
import type { AppOptions } from '../../server/app.ts';
import { setup, type Setup, reecrire } from './helpers.ts';

/** A fresh app whose data holds the demo world's declarations. */
export async function cafSetup(
  options: Partial<AppOptions> & { day?: string } = {},
): Promise<Setup> {
  const s = await setup(options);
  await reecrire(s.store, async (data) => {
    data.declarations.push(...buildDeclarations(demoWorld(), data));
  });
  return s;
}

export const PARIS = '751';
export const HAUTS_DE_SEINE = '921';
export const SIRET_VILLETTE = '44306184100062';
export const SIRET_SURESNES = '51234567800038';
