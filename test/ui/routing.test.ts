/** Issue 12: each screen has its address, derived from the portal's state and read back. */
import { describe, expect, it } from 'vitest';
import type { PortalContext, Run } from '../../machines/portal.machine.ts';
import type { Adresse } from '../../machines/types.ts';
import { adresse, chemin, lireAdresse, nouvelleEntree } from '../../ui/routing.ts';
import { travailleurs } from '../machines/fixtures.ts';

const contexte: PortalContext = { cafs: [], q: '', page: 1, sansCertificat: false, selection: [] };
const run: Run = {
  teleprocedure: 'certificat',
  travailleurs: [travailleurs[0]!, travailleurs[1]!],
  index: 1,
  valides: ['w1'],
};

/** A snapshot as `adresse` reads it: the state value, the context, the declaration's step. */
function etat(valeur: string, context: Partial<PortalContext> = {}, etape?: string) {
  const chemins = valeur.split('.');
  return {
    matches: (v: unknown) => {
      // Matches a nested object value such as { espace: { run: 'declaration' } } as a path prefix.
      const aplati: string[] = [];
      let x = v;
      while (x && typeof x === 'object') {
        const [k, suite] = Object.entries(x)[0]!;
        aplati.push(k);
        x = suite;
      }
      if (typeof x === 'string') aplati.push(x);
      return aplati.every((p, i) => chemins[i] === p);
    },
    context: { ...contexte, ...context },
    children: etape
      ? { declaration: { getSnapshot: () => ({ matches: (e: string) => e === etape }) } }
      : {},
  };
}

describe('adresse(snapshot): the address of each screen', () => {
  it.each([
    { etat: 'demarrage', attendu: undefined },
    { etat: 'connexion.saisie', attendu: undefined },
    { etat: 'agent.liste', attendu: undefined },
    { etat: 'espace.accueil.pret', attendu: '/accueil' },
    { etat: 'espace.accueil.confirmationSuppression', attendu: '/accueil' },
    { etat: 'espace.utilisateurs.liste', attendu: '/utilisateurs' },
    { etat: 'espace.motDePasse.saisie', attendu: '/mot-de-passe' },
    { etat: 'espace.travailleurs.liste', attendu: '/travailleurs' },
    {
      etat: 'espace.travailleurs.liste',
      context: { page: 2, q: 'le fèvre', sansCertificat: true },
      attendu: '/travailleurs?page=2&q=le+f%C3%A8vre&sans-certificat=1',
    },
    { etat: 'espace.run.fiche.affichage', context: { run }, attendu: '/travailleurs/w2' },
    { etat: 'espace.run.proposerConjoint', context: { run }, attendu: '/travailleurs/w2' },
    {
      etat: 'espace.run.declaration.active',
      context: { run },
      etape: 'saisie',
      attendu: '/travailleurs/w2/saisie',
    },
    {
      etat: 'espace.run.declaration.active',
      context: { run },
      etape: 'recapitulatif',
      attendu: '/travailleurs/w2/recapitulatif',
    },
    {
      etat: 'espace.run.declaration.confirmationQuitter',
      context: { run },
      etape: 'fin',
      attendu: '/travailleurs/w2/fin',
    },
    {
      etat: 'espace.run.declaration.active',
      context: { run },
      etape: 'questions',
      attendu: '/travailleurs/w2/questions',
    },
  ])('$etat $context → $attendu', ({ etat: valeur, context, etape, attendu }) => {
    expect(adresse(etat(valeur, context, etape))).toBe(attendu);
  });
});

describe('lireAdresse(path, query): the address read back', () => {
  it.each<{ url: string; attendu: Adresse }>([
    { url: '/accueil', attendu: { ecran: 'accueil' } },
    { url: '/', attendu: { ecran: 'accueil' } },
    { url: '/inconnue/page', attendu: { ecran: 'accueil' } },
    { url: '/utilisateurs', attendu: { ecran: 'utilisateurs' } },
    { url: '/mot-de-passe', attendu: { ecran: 'motDePasse' } },
    {
      url: '/travailleurs',
      attendu: { ecran: 'travailleurs', page: 1, q: '', sansCertificat: false },
    },
    {
      url: '/travailleurs?page=3&q=lef&sans-certificat=1',
      attendu: { ecran: 'travailleurs', page: 3, q: 'lef', sansCertificat: true },
    },
    {
      url: '/travailleurs?page=-4',
      attendu: { ecran: 'travailleurs', page: 1, q: '', sansCertificat: false },
    },
    {
      url: '/travailleurs?page=abc',
      attendu: { ecran: 'travailleurs', page: 1, q: '', sansCertificat: false },
    },
    { url: '/travailleurs/w12', attendu: { ecran: 'fiche', id: 'w12' } },
    {
      url: '/travailleurs/w12/recapitulatif',
      attendu: { ecran: 'declaration', id: 'w12', etape: 'recapitulatif' },
    },
    { url: '/travailleurs/w12/autre', attendu: { ecran: 'accueil' } },
  ])('$url', ({ url, attendu }) => {
    const u = new URL(url, 'http://localhost');
    expect(lireAdresse(u.pathname, u.search)).toEqual(attendu);
  });

  it.each<Adresse>([
    { ecran: 'travailleurs', page: 2, q: 'é & ?', sansCertificat: true },
    { ecran: 'declaration', id: 'a/b c', etape: 'fin' },
    { ecran: 'fiche', id: 'w3' },
  ])('round trip of $ecran', (a) => {
    const u = new URL(chemin(a), 'http://localhost');
    expect(lireAdresse(u.pathname, u.search)).toEqual(a);
  });
});

describe('nouvelleEntree: pushed or replaced', () => {
  it.each([
    { avant: '/accueil', apres: '/travailleurs', push: true },
    { avant: '/travailleurs', apres: '/travailleurs?page=2', push: true },
    { avant: '/travailleurs?page=2', apres: '/travailleurs?page=2&q=le', push: false },
    { avant: '/travailleurs/w1/saisie', apres: '/travailleurs/w1/recapitulatif', push: true },
  ])('$avant → $apres: $push', ({ avant, apres, push }) => {
    expect(nouvelleEntree(avant, apres)).toBe(push);
  });
});
