/**
 * SPEC §9–10: the seed's `declarations` (history), checked by the same validator against the
 * date they bear, and the demo world's two campaigns.
 */
import { describe, expect, it } from 'vitest';
import { campagne, isoToday } from '../../forms/calendrier.ts';
import { SeedError, buildData, checkSeed, demoWorld, type SeedWorld } from '../../server/demo.ts';

const world = (declarations: unknown[]): SeedWorld => {
  const w = demoWorld();
  return { ...w, declarations } as SeedWorld;
};
const anne = { numeroAllocataire: '7510001', esat: '44306184100062', prenom: 'Anne' };
const certificat = {
  ...anne,
  kind: 'certificat',
  data: { moisRemunerationGarantie: 12, remunerationGarantie: 1200, aideAuPoste: 700 },
  submittedAt: '2025-12-10T09:00:00Z',
};

describe('seed declarations (SPEC §10)', () => {
  it('a valid history loads: worker found, campaign year derived, état kept', async () => {
    const seed = world([
      { ...certificat, etat: 'traitee', userEmail: 'Sophie.Bernard@ateliers-villette.test' },
      {
        numeroAllocataire: '9210001',
        esat: '51234567800038',
        kind: 'depart',
        data: { dateDepart: '2026-05-31', motif: 'retraite' },
        submittedAt: '2026-05-20T10:00:00+02:00',
      },
    ]);
    expect(() => checkSeed(seed)).not.toThrow();
    const data = await buildData(seed, new Date('2026-12-02T10:00:00Z'));
    expect(data.declarations).toHaveLength(2);
    const [c, d] = data.declarations;
    const worker = data.workers.find((w) => w.id === c.workerId)!;
    expect([worker.nom, worker.prenom]).toEqual(['LEFÈVRE', 'Anne']);
    expect(c).toMatchObject({
      kind: 'certificat',
      campaignYear: 2025,
      caf: '751',
      userEmail: 'sophie.bernard@ateliers-villette.test',
      etat: 'traitee',
      etatHistory: [
        { etat: 'traitee', at: '2026-12-02T10:00:00.000Z', by: 'agent@caf-paris.test' },
      ],
    });
    expect(d).toMatchObject({
      kind: 'depart',
      caf: '921',
      submittedAt: '2026-05-20T08:00:00.000Z',
    });
    expect(d.campaignYear).toBeUndefined();
    expect(d.etat).toBeUndefined();
  });

  it.each([
    ['not a list', 'x', '/declarations'],
    [
      'unknown worker',
      [{ ...certificat, numeroAllocataire: '7519999' }],
      '/declarations/0/numeroAllocataire',
    ],
    [
      'worker of another Esat',
      [{ ...certificat, esat: '51234567800038' }],
      '/declarations/0/numeroAllocataire',
    ],
    ['a couple without prenom', [{ ...certificat, prenom: undefined }], '/declarations/0/prenom'],
    ['unknown kind', [{ ...certificat, kind: 'prime' }], '/declarations/0/kind'],
    [
      'a certificat outside its campaign',
      [{ ...certificat, submittedAt: '2026-04-10T09:00:00Z' }],
      '/declarations/0/submittedAt',
    ],
    [
      'not an instant',
      [{ ...certificat, submittedAt: '10/12/2025' }],
      '/declarations/0/submittedAt',
    ],
    [
      'aide au poste above the garantie (R-CE-4)',
      [
        {
          ...certificat,
          data: { moisRemunerationGarantie: 12, remunerationGarantie: 500, aideAuPoste: 700 },
        },
      ],
      '/declarations/0/data/aideAuPoste',
    ],
    [
      'a date older than two years before its own day (R-CS-4)',
      [
        {
          ...anne,
          kind: 'depart',
          data: { dateDepart: '2023-01-31', motif: 'retraite' },
          submittedAt: '2025-06-01T09:00:00Z',
        },
      ],
      '/declarations/0/data/dateDepart',
    ],
    [
      'two certificats of one campaign (R-CE-6)',
      [certificat, { ...certificat, submittedAt: '2026-01-10T09:00:00Z' }],
      '/declarations/1',
    ],
    ['a bad état', [{ ...certificat, etat: 'fini' }], '/declarations/0/etat'],
  ])('refused with its path: %s', (_title, declarations, path) => {
    const seed = { ...demoWorld(), declarations };
    let error: unknown;
    try {
      checkSeed(seed);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SeedError);
    expect((error as Error).message).toContain(`ESAT_SEED invalide en ${path} :`);
  });
});

describe('the demo world’s history (SPEC §10)', () => {
  it('the 2025 campaign (most workers, spread over the weeks) and the first certificats of 2026', async () => {
    const seed = demoWorld();
    expect(() => checkSeed(seed)).not.toThrow();
    const data = await buildData(seed);
    const certificats = data.declarations.filter((d) => d.kind === 'certificat');
    const of = (year: number, caf: string) =>
      certificats.filter((d) => d.campaignYear === year && d.caf === caf);
    const actifsParis = data.workers.filter((w) => w.caf === '751' && w.dossier === 'actif');
    expect(of(2025, '751').length).toBeGreaterThanOrEqual(actifsParis.length - 3);
    expect(of(2025, '751').length).toBeLessThan(actifsParis.length);
    const days = new Set(of(2025, '751').map((d) => isoToday(new Date(d.submittedAt))));
    expect(days.size).toBeGreaterThan(15);
    for (const d of certificats) {
      const day = isoToday(new Date(d.submittedAt));
      expect(campagne(day).certificatOpen).toBe(true);
    }
    expect(of(2026, '751').length).toBeGreaterThan(0);
    expect(of(2026, '921').length).toBeGreaterThan(0);
    expect(data.declarations.some((d) => d.kind !== 'certificat')).toBe(true);
    expect(data.declarations.filter((d) => d.etat === 'traitee').length).toBeGreaterThan(3);
    // The README's facts stay true.
    expect(data.workers).toHaveLength(44);
  });
});
