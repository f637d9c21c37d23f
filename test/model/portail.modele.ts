/**
 * The model of the portal machine: in each state, what the user can do (only what the screen
 * offers: an event the machine would refuse is not offered, nothing is clicked behind a modal,
 * nothing while a call to the server is under way), and what each server call may answer, from
 * a `Monde` (the fixtures' world in jsdom, test/e2e/world.json in the browser).
 */
import { agentMachine } from '../../machines/agent.machine.ts';
import { declarationMachine } from '../../machines/declaration.machine.ts';
import { jetonsMachine } from '../../machines/jetons.machine.ts';
import {
  type Reprise,
  teleprocedureDisponible,
  TAILLE_PAGE,
  portalMachine as portalAFournir,
} from '../../machines/portal.machine.ts';
import type { Teleprocedure } from '../../forms/calendrier.ts';
import type {
  ApiError,
  AvisRecu,
  Brouillon,
  Caf,
  Calendrier,
  FicheTravailleur,
  PageTravailleurs,
  Profil,
  Adresse,
  Travailleur,
  Utilisateur,
} from '../../machines/types.ts';
import type { AnyStateNode } from 'xstate';
import { feuillesActives, type Evenement, type Modele, type Snapshot } from './generateur.ts';

export interface Monde {
  nom: string;
  /** The account typed at the connexion, and the new password of a provisional one. */
  email: string;
  motDePasse: string;
  nouveauMotDePasse: string;
  /** What the server says about the user at each start (`GET /api/me`). */
  profils: Profil[];
  /** The accueil's answers: the Esat's Caf (one or several), the calendar, the drafts. */
  accueils: { cafs: Caf[]; calendrier: Calendrier; brouillons: Brouillon[] }[];
  /** The workers of the Esat, by Caf code. */
  travailleurs: Record<string, Travailleur[]>;
  /** Who the user selects, in this order (a couple's member, a worker alone…). */
  choisis: string[];
  /** A text typed in the filter that finds some workers. */
  filtre: string;
  /** R-CS-5: the couples, by worker id. */
  conjoints: Record<string, string>;
  /** R-AC-7: a well-formed identifiant de communication, and a malformed one. */
  identifiants: string[];
  avis: AvisRecu[];
  /** The référent's list of the Esat's accounts, and the account it creates. */
  utilisateurs: Utilisateur[];
  nouveauCompte: { email: string; role: 'declarant' | 'referent' };
  /** Reloads inside a run the tab kept (`navigation.aller` with its `reprise`), at the login. */
  rechargements?: { adresse: Adresse; reprise: Reprise }[];
  /** The errors each call may fail with (none: the call never fails in this world). */
  erreurs: Partial<Record<string, ApiError[]>>;
}

/** A network failure, as `asApiError` reads any rejection it does not know. */
export const panne: ApiError = {
  status: 0,
  code: 'reseau',
  message: 'Le service ne répond pas. Vérifiez votre connexion puis réessayez.',
};

const ctx = (s: Snapshot) => s.context as import('../../machines/portal.machine.ts').PortalContext;

/** The worker whose fiche or declaration is on screen. */
const courant = (s: Snapshot) => {
  const run = ctx(s).run;
  return run ? run.travailleurs[run.index] : undefined;
};

/** The output of a declaration recorded for the worker on screen (as declaration.modele.ts's). */
function declaree(s: Snapshot) {
  const t = courant(s)!;
  const kind = ctx(s).run?.teleprocedure === 'certificat' ? 'certificat' : 'augmentation';
  return {
    accuse: { id: `d-${t.id}`, kind, workerId: t.id, submittedAt: '2026-12-02T10:00:00.000Z' },
    declare: { kind, saisie: {}, reponses: {} },
  };
}

function page(
  monde: Monde,
  caf: string,
  q: string,
  numero: number,
  taille = TAILLE_PAGE,
): PageTravailleurs {
  const trouves = (monde.travailleurs[caf] ?? []).filter((t) =>
    `${t.nom} ${t.prenom} ${t.numeroAllocataire}`.toLowerCase().includes(q.toLowerCase()),
  );
  const debut = (numero - 1) * taille;
  return {
    items: trouves.slice(debut, debut + taille),
    total: trouves.length,
    page: numero,
    pageSize: taille,
  };
}

function fiche(monde: Monde, t: Travailleur, s: Snapshot): FicheTravailleur {
  const tous = Object.values(monde.travailleurs).flat();
  const conjoint = tous.find((c) => c.id === monde.conjoints[t.id]);
  // The drafts the accueil listed (and not deleted since) are on their workers' fiches.
  const brouillon = ctx(s).brouillons?.find((b) => b.travailleur?.id === t.id);
  return {
    ...t,
    history: [],
    ...(conjoint ? { conjoint } : {}),
    ...(brouillon ? { brouillon } : {}),
  };
}

/** What the browser's Back and Forward may ask on each screen (`navigation.aller`). */
function adresses(s: Snapshot): Adresse[] {
  const c = ctx(s);
  const liste: Adresse = {
    ecran: 'travailleurs',
    page: c.page,
    q: c.q,
    sansCertificat: c.sansCertificat,
  };
  const id = courant(s)?.id;
  const en = (v: unknown) => s.matches(v);
  if (en('connexion')) {
    // A bookmark of Mes travailleurs, and a reload inside a run the tab kept.
    return [{ ecran: 'travailleurs', page: 1, q: '', sansCertificat: false }];
  }
  if (en({ espace: { accueil: 'pret' } }))
    return [liste, { ecran: 'utilisateurs' }, { ecran: 'motDePasse' }];
  if (en({ espace: { travailleurs: 'liste' } }))
    return [{ ecran: 'accueil' }, { ecran: 'fiche', id: c.liste?.items[0]?.id ?? 'w1' }];
  if (en({ espace: { run: { fiche: 'affichage' } } }) && id)
    return [{ ecran: 'declaration', id, etape: 'saisie' }, { ecran: 'fiche', id }, liste];
  if (en({ espace: { run: { declaration: 'active' } } }) && id)
    return [
      { ecran: 'declaration', id, etape: 'saisie' },
      { ecran: 'fiche', id },
      liste,
      { ecran: 'accueil' },
      ...(c.profil?.user.role === 'referent' ? [{ ecran: 'motDePasse' } as const] : []),
    ];
  if (en({ espace: { run: { declaration: 'confirmationQuitter' } } }))
    return [{ ecran: 'accueil' }];
  return [];
}

/** Screens drawn over the page: nothing behind them can be clicked. */
export const estModale = (s: Snapshot) =>
  feuillesActives(s).some((id) =>
    /(confirmationQuitter|\.choix|proposerConjoint|confirmationDesactivation|confirmationSuppression)$/.test(
      id,
    ),
  );

/**
 * The portal with its real children (the product provides them loaded on demand, ui/
 * acteurs-differe.ts); their server calls are left to the tests.
 */
export const portalMachine = portalAFournir.provide({
  actors: { declaration: declarationMachine, agent: agentMachine, jetons: jetonsMachine },
});

/** A call to the server is under way, or a delay runs: the user waits. */
export const enAttente = (s: Snapshot) =>
  s._nodes.some(
    // The declaration, the Caf agent's space and the import are child machines, not calls to
    // wait for.
    (n: AnyStateNode) =>
      n.invoke.some((i) => !['declaration', 'agent', 'import'].includes(i.id)) ||
      n.after.length > 0,
  );

export function modelePortail(monde: Monde): Modele {
  const erreurs = (src: string) => () => monde.erreurs[src] ?? [];
  return {
    nom: `portail (${monde.nom})`,
    machine: portalMachine,
    issues: {
      chargerProfil: { sorties: () => monde.profils, erreurs: erreurs('chargerProfil') },
      connecter: {
        sorties: () => [{ user: monde.profils[0]?.user }],
        erreurs: erreurs('connecter'),
      },
      deconnecter: { sorties: () => [undefined], erreurs: erreurs('deconnecter') },
      accepterCgu: { sorties: () => [undefined], erreurs: erreurs('accepterCgu') },
      chargerAccueil: { sorties: () => monde.accueils, erreurs: erreurs('chargerAccueil') },
      chargerTravailleurs: {
        sorties: (s) => {
          const { caf, q, page: numero } = ctx(s);
          return [page(monde, caf ?? '', q, numero)];
        },
        erreurs: erreurs('chargerTravailleurs'),
      },
      demanderMotDePasse: { sorties: () => [undefined], erreurs: erreurs('demanderMotDePasse') },
      changerMotDePasse: { sorties: () => [{}], erreurs: erreurs('changerMotDePasse') },
      verifierIdentifiant: {
        sorties: (s) => [{ code: ctx(s).caf, identifiantRequis: false }],
        erreurs: erreurs('verifierIdentifiant'),
      },
      chargerUtilisateurs: {
        sorties: () => [monde.utilisateurs],
        erreurs: erreurs('chargerUtilisateurs'),
      },
      creerUtilisateur: {
        sorties: () => [
          { ...monde.nouveauCompte, active: true, provisional: true, lastLoginAt: null },
        ],
        erreurs: erreurs('creerUtilisateur'),
      },
      changerActivation: {
        sorties: (s) => {
          const u = monde.utilisateurs.find((x) => x.email === ctx(s).cible);
          return u ? [{ ...u, active: !u.active }] : [];
        },
        erreurs: erreurs('changerActivation'),
      },
      chargerTousTravailleurs: {
        sorties: (s) => {
          const { caf, q } = ctx(s);
          return [page(monde, caf ?? '', q, 1, Number.MAX_SAFE_INTEGER).items];
        },
        erreurs: erreurs('chargerTravailleurs'),
      },
      supprimerBrouillon: { sorties: () => [undefined], erreurs: erreurs('supprimerBrouillon') },
      chargerFiche: {
        sorties: (s) => [fiche(monde, courant(s)!, s)],
        erreurs: erreurs('chargerFiche'),
      },
      // R-IM: the import machine has its own model (import.modele.ts): here only how it ends —
      // its own « Retour à Mes travailleurs », or what the portal asks of it (`par`: the header's
      // « Mon mot de passe », Back onto the accueil, « Quitter » with several Caf), which the
      // runner plays on the real portal (modeles.ts, finirImport).
      import: {
        sorties: (s) =>
          [
            { issue: 'travailleurs', envoyes: 0 },
            {
              issue: 'accueil',
              envoyes: 0,
              par: { type: 'navigation.aller', adresse: { ecran: 'accueil' } },
            },
            { issue: 'motDePasse', envoyes: 0, par: { type: 'portail.motDePasse' } },
            ...(ctx(s).cafs.length > 1
              ? [{ issue: 'portail', envoyes: 0, par: { type: 'portail.quitter' } }]
              : []),
          ].filter((o) => !o.par || s.can(o.par as never)),
      },
      // R-API-2: the tokens screen is its own machine (test/machines/jetons.test.ts, the stories
      // and test/e2e/jetons.test.ts): here only its way back to the accueil (modeles.ts, finirJetons).
      jetons: { sorties: () => [undefined] },
      // The declaration machine has its own model: here only how it ends.
      // « suivant » follows a recorded declaration: its accusé and what was declared (R-CS-5).
      declaration: {
        sorties: (s) => [
          { issue: 'suivant', ...declaree(s) },
          { issue: 'fiche' },
          { issue: 'travailleurs' },
        ],
      },
    },
    evenements: (s) => {
      const c = ctx(s);
      const ouvert = (e: Evenement) => s.can(e as never);
      const offre = (...events: Evenement[]) => events.filter(ouvert);
      // Nothing is clicked while waiting for the server, and only the modal's buttons under it.
      // (During a declaration only the header and the browser's history are the portal's.)
      const declaration = s.matches({ espace: { run: 'declaration' } });
      const bloque = enAttente(s);
      const modale = estModale(s);
      const connecte = s.matches('espace') || s.matches('agent');
      const tous: Record<string, Evenement[]> = {
        'connexion.soumettre': [
          { type: 'connexion.soumettre', email: monde.email, password: monde.motDePasse },
        ],
        'oubli.envoyer': [{ type: 'oubli.envoyer', email: monde.email }],
        'motDePasse.changer': [
          {
            type: 'motDePasse.changer',
            currentPassword: monde.motDePasse,
            newPassword: monde.nouveauMotDePasse,
          },
        ],
        'accueil.choisirCaf': c.cafs
          .filter((caf) => caf.code !== c.caf)
          .map((caf) => ({ type: 'accueil.choisirCaf', code: caf.code })),
        'identifiant.valider': monde.identifiants.map((identifiant) => ({
          type: 'identifiant.valider',
          identifiant,
        })),
        'creation.valider': [{ type: 'creation.valider', ...monde.nouveauCompte }],
        // The table's buttons: « Désactiver » an active account, « Réactiver » another (not oneself).
        'utilisateurs.desactiver': (c.utilisateurs ?? [])
          .filter((u) => u.active && u.email !== c.profil?.user.email)
          .slice(0, 1)
          .map((u) => ({ type: 'utilisateurs.desactiver', email: u.email })),
        'utilisateurs.reactiver': (c.utilisateurs ?? [])
          .filter((u) => !u.active)
          .slice(0, 1)
          .map((u) => ({ type: 'utilisateurs.reactiver', email: u.email })),
        'navigation.aller': [
          ...adresses(s).map((adresse) => ({ type: 'navigation.aller', adresse })),
          ...(s.matches('connexion')
            ? (monde.rechargements ?? []).map((r) => ({ type: 'navigation.aller', ...r }))
            : []),
        ],
        'brouillon.supprimer': (c.fiche
          ? [c.fiche.brouillon && c.fiche.id]
          : (c.brouillons ?? []).map((b) => b.travailleur?.id)
        )
          .filter((id): id is string => !!id)
          .slice(0, 1)
          .map((workerId) => ({ type: 'brouillon.supprimer', workerId })),
        // The filter « sans certificat », on from an empty selection then off (nothing else).
        'travailleurs.sansCertificat':
          c.sansCertificat || (c.selection.length === 0 && !c.q)
            ? [{ type: 'travailleurs.sansCertificat', actif: !c.sansCertificat }]
            : [],
        // Selecting many, once from an empty selection and not filtered (then only « Tout
        // désélectionner »: a run over every worker is the browser suite's, not the model's).
        'travailleurs.toutSelectionner':
          c.selection.length === 0 && !c.q && !c.sansCertificat
            ? [
                { type: 'travailleurs.toutSelectionner', portee: 'page' },
                { type: 'travailleurs.toutSelectionner', portee: 'filtre' },
              ]
            : [],
        'travailleurs.toutDeselectionner': c.selection.length
          ? [{ type: 'travailleurs.toutDeselectionner' }]
          : [],
        'travailleurs.filtrer': [{ type: 'travailleurs.filtrer', q: c.q ? '' : monde.filtre }],
        'travailleurs.page':
          c.liste && c.liste.total > c.liste.pageSize
            ? [{ type: 'travailleurs.page', page: c.page === 1 ? 2 : 1 }]
            : [],
        // The tiles on screen, of the workers this world selects, not selected yet.
        // (With several Caf, only the last: runs of one worker keep the traversal small.)
        'travailleurs.basculer': monde.choisis
          .slice(c.cafs.length > 1 ? -1 : 0)
          .filter((id) => !c.selection.some((t) => t.id === id))
          .flatMap((id) => c.liste?.items.filter((t) => t.id === id) ?? [])
          .map((travailleur) => ({ type: 'travailleurs.basculer', travailleur })),
        'travailleurs.changerCaf': c.cafs
          .filter((caf) => caf.code !== c.caf)
          .map((caf) => ({ type: 'travailleurs.changerCaf', code: caf.code })),
        'choix.choisir': (['certificat', 'changement'] as Teleprocedure[])
          .filter((t) => teleprocedureDisponible(t, c.calendrier))
          .map((teleprocedure) => ({ type: 'choix.choisir', teleprocedure })),
        // The fiche offers « Passer au travailleur suivant » but for the last one, and « Retour à
        // Mes travailleurs » on every worker.
        'fiche.passer':
          c.run && c.run.index + 1 < c.run.travailleurs.length ? [{ type: 'fiche.passer' }] : [],
        // « Quitter » in the header (during a run too), never behind a modal.
        'portail.quitter': connecte ? [{ type: 'portail.quitter' }] : [],
        // The session alert (session.machine) ends a logged-in visit.
        'session.terminee': connecte ? [{ type: 'session.terminee' }] : [],
      };
      const out: Partial<Record<string, Evenement[]>> = {};
      for (const type of new Set<string>(
        s._nodes.flatMap((n: AnyStateNode) => n.ownEvents as string[]),
      )) {
        if (type.startsWith('xstate.')) continue;
        const enDeclaration = declaration && /^(portail|navigation|quitter)\./.test(type);
        const events = bloque || (declaration && !enDeclaration) ? [] : (tous[type] ?? [{ type }]);
        // Back and Forward work behind a dialog too.
        const dansModale = /^(quitter|choix|conjoint|desactivation|suppression|navigation)\./.test(
          type,
        );
        out[type] = modale && !dansModale ? [] : offre(...events);
      }
      // The ways out of a run (header, history, « Retour ») from its first worker only: the
      // same transitions, a traversal of a reasonable size.
      if (c.run && (c.run.index > 0 || c.run.valides.length > 0))
        for (const type of [
          'navigation.aller',
          'portail.quitter',
          'portail.motDePasse',
          'fiche.retour',
        ])
          if (out[type]) out[type] = [];
      // During an import what the portal asks of its child ends it: played as the import's
      // ending (`import` above), not as the portal's event; « Quitter » with one Caf is the
      // portal's own confirmation.
      if (s.matches({ espace: 'import' } as never)) {
        out['portail.motDePasse'] = [];
        out['navigation.aller'] = [];
        if (c.cafs.length > 1) out['portail.quitter'] = [];
      }
      // After « Tout sélectionner », or with « sans certificat »: only the way back.
      const beaucoup = c.selection.some((t) => !monde.choisis.includes(t.id));
      const seul = beaucoup
        ? 'travailleurs.toutDeselectionner'
        : c.sansCertificat
          ? 'travailleurs.sansCertificat'
          : undefined;
      if (seul && s.matches({ espace: 'travailleurs' }))
        for (const type of Object.keys(out)) if (type !== seul) out[type] = [];
      return out;
    },
    // What the guards and screens read, by region (a coarser key keeps the traversal small: the
    // paths stay concrete, and each one is replayed and compared step by step).
    cle: (s) => {
      const c = ctx(s);
      const espace = s.matches('espace');
      const run = s.matches({ espace: 'run' });
      return JSON.stringify([
        s.value,
        s.status,
        !!c.profil,
        // A Caf agent's CGU lead to its own space.
        c.profil?.user.role === 'agent',
        c.erreur?.code,
        espace && !run
          ? [
              c.cafs.map(
                (caf) =>
                  `${caf.code}${caf.workerCount ? '' : '∅'}${(caf as { identifiantRequis?: boolean }).identifiantRequis ? '?' : ''}`,
              ),
              c.caf,
              c.selection.map((t) => t.id),
              // Which page, which filter text: the same screen; filtered or not is kept.
              !!c.q,
              c.sansCertificat,
              !!c.liste,
              (c.brouillons ?? []).length,
            ]
          : null,
        c.adresseVoulue?.ecran,
        run && c.run
          ? [
              c.run.teleprocedure,
              c.run.index,
              c.run.travailleurs.map((t) => t.id),
              c.fiche?.id,
              !!c.fiche?.brouillon,
              // The world's drafts, and one Caf or several (where « Quitter » leads).
              (c.brouillons ?? []).length,
              c.cafs.length > 1,
              c.sortie?.vers === 'adresse' ? c.sortie.adresse.ecran : c.sortie?.vers,
            ]
          : null,
      ]);
    },
    vue: (s) => {
      const c = ctx(s);
      return JSON.stringify([
        s.value,
        c.cafs.length > 1,
        !!c.erreur,
        c.selection.length > 0,
        c.run?.teleprocedure,
      ]);
    },
  };
}

/** How a declaration ended, as the portal receives it (see declaration.modele.ts for the rest). */
export type IssueDeclaration = 'suivant' | 'fiche' | 'travailleurs';
