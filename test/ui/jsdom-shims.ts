/**
 * What jsdom lacks and browsers have, used by react-aria (the Modal reads `CSS.escape`) and by
 * the Layout (`scrollTo`).
 * Imported first by the UI tests (vite.config.ts has no setup file for them).
 */
const g = globalThis as { CSS?: { escape?: (value: string) => string } };
if (!g.CSS?.escape) {
  g.CSS = {
    ...g.CSS,
    // Simplified CSS.escape: enough for ids and meta names in tests.
    escape: (value: string) => value.replace(/[^a-zA-Z0-9_\u00a0-\uffff-]/g, (c) => `\\${c}`),
  };
}
// jsdom has no layout: its scrollTo only reports « Not implemented » (the Layout puts a new
// screen at its top, ui/components/Layout.tsx).
if (typeof window !== 'undefined' && navigator.userAgent.includes('jsdom')) {
  window.scrollTo = () => undefined;
}
export {};
