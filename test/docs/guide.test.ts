/** The user guide (ui/guide.html): every link of its table of contents leads somewhere. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const html = readFileSync(new URL('../../ui/guide.html', import.meta.url), 'utf8');

describe('the user guide', () => {
  it('every in-page link has its target, and every section is in the table of contents', () => {
    const liens = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    const sections = [...html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]);
    expect(liens.length).toBeGreaterThan(5);
    for (const lien of liens) expect(html).toContain(`id="${lien}"`);
    expect(sections.sort()).toEqual(liens.filter((l) => sections.includes(l)).sort());
    expect(sections.filter((s) => !liens.includes(s))).toEqual([]);
  });

  it('speaks of what the product does: identifiant de communication, drafts, référent', () => {
    expect(html).toMatch(/identifiant de communication/);
    expect(html).toMatch(/Reprendre la déclaration/);
    expect(html).toMatch(/Gérer les utilisateurs/);
  });
});
