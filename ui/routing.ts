/**
 * The address bar of the Esat space (issue 12): each screen has its own address, derived from the
 * portal's state (`adresse`), and read back into an `Adresse` (`lireAdresse`) that the UI sends
 * to the portal as `navigation.aller` — the machine decides where the user goes.
 */
import type { PortalContext } from '../machines/portal.machine.ts';
import type { Adresse, EtapeDeclaration } from '../machines/types.ts';

/** What `adresse` reads of a snapshot (the portal's, with its declaration child if any). */
export interface EtatAdressable {
  matches(value: unknown): boolean;
  context: PortalContext;
  children: Record<string, unknown>;
}

const etapes: EtapeDeclaration[] = ['questions', 'saisie', 'recapitulatif', 'fin'];

/** The step of the running declaration, read from its actor's snapshot. */
function etapeDe(s: EtatAdressable): EtapeDeclaration {
  const enfant = s.children.declaration as
    { getSnapshot(): { matches(value: string): boolean } } | undefined;
  const snap = enfant?.getSnapshot();
  return etapes.find((e) => snap?.matches(e)) ?? 'saisie';
}

/** The address of a screen: a path and its query (the list's page and filters). */
export function chemin(a: Adresse): string {
  switch (a.ecran) {
    case 'accueil':
      return '/accueil';
    case 'utilisateurs':
      return '/utilisateurs';
    case 'motDePasse':
      return '/mot-de-passe';
    case 'fiche':
      return `/travailleurs/${encodeURIComponent(a.id)}`;
    case 'declaration':
      return `/travailleurs/${encodeURIComponent(a.id)}/${a.etape}`;
    case 'travailleurs': {
      const query = new URLSearchParams();
      if (a.page > 1) query.set('page', String(a.page));
      if (a.q) query.set('q', a.q);
      if (a.sansCertificat) query.set('sans-certificat', '1');
      const texte = query.toString();
      return `/travailleurs${texte ? `?${texte}` : ''}`;
    }
  }
}

/** The screen the portal shows, as an address; undefined before the space is open (the
 * connexion keeps the address asked, e.g. a bookmark) and for the Caf agent's screens. */
export function adresseDe(s: EtatAdressable): Adresse | undefined {
  const c = s.context;
  if (s.matches({ espace: 'accueil' })) return { ecran: 'accueil' };
  if (s.matches({ espace: 'utilisateurs' })) return { ecran: 'utilisateurs' };
  if (s.matches({ espace: 'motDePasse' })) return { ecran: 'motDePasse' };
  if (s.matches({ espace: 'travailleurs' }))
    return { ecran: 'travailleurs', page: c.page, q: c.q, sansCertificat: c.sansCertificat };
  const run = c.run;
  if (s.matches({ espace: 'run' }) && run) {
    const id = run.travailleurs[run.index]!.id;
    if (s.matches({ espace: { run: 'declaration' } }))
      return { ecran: 'declaration', id, etape: etapeDe(s) };
    return { ecran: 'fiche', id };
  }
  return undefined;
}

/** The path and query to show for this state (see `adresseDe`). */
export function adresse(s: EtatAdressable): string | undefined {
  const a = adresseDe(s);
  return a && chemin(a);
}

/** Reads an address of the space; an unknown one is the accueil. */
export function lireAdresse(pathname: string, search = ''): Adresse {
  const parties = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parties[0] === 'travailleurs') {
    if (parties.length === 1) {
      const query = new URLSearchParams(search);
      const page = Number.parseInt(query.get('page') ?? '1', 10);
      return {
        ecran: 'travailleurs',
        page: Number.isFinite(page) && page > 0 ? page : 1,
        q: query.get('q') ?? '',
        sansCertificat: query.get('sans-certificat') === '1',
      };
    }
    const etape = etapes.find((e) => e === parties[2]);
    if (parties.length === 2) return { ecran: 'fiche', id: parties[1]! };
    if (parties.length === 3 && etape) return { ecran: 'declaration', id: parties[1]!, etape };
  }
  if (parties.length === 1 && parties[0] === 'utilisateurs') return { ecran: 'utilisateurs' };
  if (parties.length === 1 && parties[0] === 'mot-de-passe') return { ecran: 'motDePasse' };
  return { ecran: 'accueil' };
}

/** Whether going from one address to another is a new entry of the history (another screen or
 * another page of the list) rather than the same screen updated (the filter being typed). */
export function nouvelleEntree(avant: string, apres: string): boolean {
  const a = new URL(avant, 'http://x');
  const b = new URL(apres, 'http://x');
  return (
    a.pathname !== b.pathname ||
    (a.searchParams.get('page') ?? '1') !== (b.searchParams.get('page') ?? '1')
  );
}
