/**
 * The model of the Caf agent's machine (machines/agent.machine.ts) on its own: the tabs, the
 * campaign table (sort, year, filter after a pause in typing, page, an Esat opened), the fiche
 * Esat (deactivate, reactivate, create the référent), the declarations received (filter, select,
 * export, mark as traitées, one opened, marked or put back with a reason), the reminders
 * (choose, preview, send, confirm when already sent today) and the avis. The server's answers
 * come from the invented Caf of test/machines/fixtures-caf.ts (built once, never changed: a
 * model answers the same in the same state), its failures are a network failure and the
 * refusals each call can give (422 on a référent's address, 409 on a reminder already sent).
 *
 * Pruned to stay small: the tabs are changed only from a « clean » context (nothing selected,
 * no export, the campaign's defaults), each campaign control is used once from its defaults,
 * one declaration and one late Esat are ticked. Every transition is still taken (couverture).
 */
import type { AnyStateNode } from 'xstate';
import { agentMachine, type AgentContext } from '../../machines/agent.machine.ts';
import type {
  ApercuRelance,
  DeclarationDetail,
  FicheEsat,
  PageDeclarations,
  UtilisateurEsat,
} from '../../machines/caf.types.ts';
import type { ApiError, AvisRecu } from '../../machines/types.ts';
import { campagneDe, esats, mondeCaf } from '../machines/fixtures-caf.ts';
import {
  generer,
  type Evenement,
  type Generation,
  type Modele,
  type Snapshot,
} from './generateur.ts';
import { panne } from './portail.modele.ts';

const ctx = (s: Snapshot) => s.context as AgentContext;

/** The invented Caf, as it is before the agent does anything. */
const monde = mondeCaf();
const esat = esats[0];

export const ACTIF = 'actif@esat-tilleuls.test';
export const INACTIF = 'ancien@esat-tilleuls.test';
export const NOUVEAU = 'nouveau.referent@esat-tilleuls.test';

const utilisateur = (email: string, active: boolean): UtilisateurEsat => ({
  email,
  role: 'declarant',
  active,
  provisional: false,
  lastLoginAt: null,
});

export const ficheModele: FicheEsat = {
  esat: { siret: esat.siret, name: esat.name, address: esat.address },
  year: monde.annee,
  users: [utilisateur(ACTIF, true), utilisateur(INACTIF, false)],
  workers: [],
  changements: [],
  relances: [],
};

/** One declaration of the Caf in each état (the detail's two buttons). */
const base = (() => {
  const { travailleurId: _, ...d } = monde.declarations.find((x) => x.kind === 'certificat')!;
  return d as DeclarationDetail;
})();
export const detail = (etat: 'a-traiter' | 'traitee'): DeclarationDetail => ({
  ...structuredClone(base),
  etat,
  traitement: etat === 'traitee' ? { at: `${monde.today}T11:00:00.000Z`, by: 'agent' } : null,
});

const enListe = (d: DeclarationDetail) => ({
  id: d.id,
  reference: d.reference,
  kind: d.kind,
  submittedAt: d.submittedAt,
  etat: d.etat,
  worker: d.worker,
  esat: d.esat,
});

export const pageModele: PageDeclarations = {
  items: [enListe(detail('a-traiter'))] as PageDeclarations['items'],
  total: 1,
  page: 1,
  pageSize: 20,
};

/** The late Esat (the reminders' table), and the one ticked by the model. */
const retard = campagneDe(monde, { q: '', sort: '-manquants', page: 1, pageSize: 100 });
export const RELANCEE = retard.items.find((l) => l.manquants > 0)!.siret;

const apercu = (c: AgentContext): ApercuRelance => ({
  subject: `Campagne ${monde.annee} des certificats d'emploi : certificats attendus`,
  text: 'Bonjour,\n\nIl manque {manquants} certificats.\n\nLa Caf de Paris',
  destinataires: retard.items
    .filter((l) => l.manquants > 0 && (c.destinataires === 'retard' || l.siret === RELANCEE))
    .map((l) => ({
      siret: l.siret,
      name: l.name,
      manquants: l.manquants,
      users: 1,
      dejaRelanceeAujourdhui: false,
    })),
});

const avis: AvisRecu[] = [
  {
    declarationId: base.id,
    esat: esat.name,
    kind: 'certificat',
    note: 4,
    commentaire: 'Très clair.',
    submittedAt: '2026-12-02T10:00:00.000Z',
  },
];

export const adresseInvalide: ApiError = {
  status: 422,
  code: 'utilisateur-invalide',
  message: 'Saisissez une adresse e-mail valide, par exemple prenom.nom@esat.fr.',
  fields: [
    {
      path: '/email',
      message: 'Saisissez une adresse e-mail valide, par exemple prenom.nom@esat.fr.',
    },
  ],
};

export const dejaRelancee: ApiError = {
  status: 409,
  code: 'relance-deja-envoyee',
  message: `${esat.name} : déjà relancée aujourd’hui.`,
};

/** Nothing chosen that the tabs would carry along: the tabs are changed from here only. */
const propre = (c: AgentContext) =>
  c.selection.length === 0 &&
  c.destinataires.length === 0 &&
  !c.export &&
  c.tri === 'part' &&
  c.annee === undefined &&
  c.q === '' &&
  Object.keys(c.filtre).length === 0;

/** The campaign's defaults (each control is used once from them). */
const defauts = (c: AgentContext) => c.tri === 'part' && c.annee === undefined && c.q === '';

const detailOuvert = (s: Snapshot) => s.matches({ declarations: 'detail' });

export function modeleAgent(): Modele {
  return {
    nom: 'agent',
    machine: agentMachine,
    issues: {
      chargerCampagne: {
        sorties: (s) => {
          const c = ctx(s);
          return s.matches('relances')
            ? [retard]
            : [
                campagneDe(monde, {
                  year: c.annee,
                  q: c.q,
                  sort: c.tri,
                  page: c.page,
                  pageSize: 20,
                }),
              ];
        },
        erreurs: () => [panne],
      },
      chargerEsat: { sorties: () => [ficheModele], erreurs: () => [panne] },
      changerActivation: {
        sorties: (s) => [utilisateur(ctx(s).cible ?? '', ctx(s).cible === INACTIF)],
        erreurs: () => [panne],
      },
      creerReferent: {
        sorties: () => [{ ...utilisateur(NOUVEAU, true), role: 'referent', provisional: true }],
        erreurs: () => [adresseInvalide],
      },
      chargerDeclarations: { sorties: () => [pageModele], erreurs: () => [panne] },
      chargerDeclaration: {
        // The first load answers either état; the reload after a change answers the new one.
        sorties: (s) =>
          s.matches({ declarations: { detail: 'rechargement' } })
            ? [
                detail(
                  ctx(s).succes === 'La déclaration est marquée comme traitée.'
                    ? 'traitee'
                    : 'a-traiter',
                ),
              ]
            : [detail('a-traiter'), detail('traitee')],
        erreurs: () => [panne],
      },
      exporter: { sorties: () => [{ exportId: 'exp-1', format: 'csv' }], erreurs: () => [panne] },
      traiter: { sorties: () => [{ updated: 1 }], erreurs: () => [panne] },
      chargerApercu: { sorties: (s) => [apercu(ctx(s))], erreurs: () => [panne] },
      envoyerRelances: {
        sorties: (s) => [
          {
            sent: apercu(ctx(s)).destinataires.map((d) => ({
              siret: d.siret,
              manquants: d.manquants,
            })),
          },
        ],
        erreurs: (s) =>
          s.matches({ relances: { apercu: 'envoi' } }) ? [dejaRelancee, panne] : [panne],
      },
      chargerAvis: { sorties: () => [avis], erreurs: () => [panne] },
    },
    evenements: (s) => {
      const c = ctx(s);
      const modale =
        s.matches({ esat: 'confirmationDesactivation' }) ||
        s.matches({ esat: 'creation' }) ||
        s.matches({ declarations: { detail: 'motif' } }) ||
        s.matches({ relances: { apercu: 'confirmation' } });
      const attente = s._nodes.some((n: AnyStateNode) => n.invoke.length > 0);
      const tous: Record<string, Evenement[]> = {
        'campagne.annee': defauts(c) ? [{ type: 'campagne.annee', annee: monde.annee - 1 }] : [],
        // The search field is on the table only (a failed load shows « Réessayer » alone).
        'campagne.filtrer':
          defauts(c) && s.matches({ campagne: 'tableau' })
            ? [{ type: 'campagne.filtrer', q: 'Canal' }]
            : [],
        'campagne.trier': defauts(c) ? [{ type: 'campagne.trier', tri: '-part' }] : [],
        'campagne.page': defauts(c) ? [{ type: 'campagne.page', page: 1 }] : [],
        'campagne.ouvrir': defauts(c) ? [{ type: 'campagne.ouvrir', siret: esat.siret }] : [],
        'esat.desactiver': [{ type: 'esat.desactiver', email: ACTIF }],
        'esat.reactiver': [{ type: 'esat.reactiver', email: INACTIF }],
        'creation.valider': [{ type: 'creation.valider', email: NOUVEAU }],
        'declarations.filtrer':
          Object.keys(c.filtre).length === 0
            ? [{ type: 'declarations.filtrer', filtre: { etat: 'a-traiter' } }]
            : [],
        'declarations.page': [{ type: 'declarations.page', page: 1 }],
        'declarations.basculer': [{ type: 'declarations.basculer', id: base.id }],
        'declarations.ouvrir':
          c.selection.length || c.export ? [] : [{ type: 'declarations.ouvrir', id: base.id }],
        'declarations.exporter': c.export ? [] : [{ type: 'declarations.exporter', format: 'csv' }],
        'retablissement.valider': [
          { type: 'retablissement.valider', motif: ' ' },
          { type: 'retablissement.valider', motif: 'Erreur de saisie' },
        ],
        // The screen disables each Esat's box while « toutes » is ticked.
        'relances.basculer':
          c.destinataires === 'retard' ? [] : [{ type: 'relances.basculer', siret: RELANCEE }],
      };
      const out: Partial<Record<string, Evenement[]>> = {};
      for (const type of new Set<string>(
        s._nodes.flatMap((n: AnyStateNode) => n.ownEvents as string[]),
      )) {
        if (type.startsWith('xstate.')) continue;
        const onglet = type.startsWith('onglet.');
        // A dialog is open: only its own buttons. Nothing while a call is under way (the
        // runner answers the calls in order: a call left behind would take the next answer).
        const permis = !attente && (!onglet || (!modale && propre(c)));
        const dansModale = /^(desactivation|creation|retablissement|relance)\./.test(type);
        const events =
          permis && (onglet || modale === dansModale) ? (tous[type] ?? [{ type }]) : [];
        out[type] = events.filter((e) => s.can(e as never));
      }
      return out;
    },
    cle: (s) => {
      const c = ctx(s);
      return JSON.stringify([
        s.value,
        c.annee ?? null,
        c.q,
        c.tri,
        c.cible ?? null,
        c.filtre,
        c.selection,
        c.destinataires,
        !!c.export,
        // The declaration opened stays in the context: it matters only on its detail.
        detailOuvert(s) ? (c.declaration?.etat ?? null) : null,
        c.succes ?? null,
        c.erreur?.code ?? null,
      ]);
    },
    // One path per screen and message (every transition gets its own path besides).
    vue: (s) => {
      const c = ctx(s);
      return JSON.stringify([
        s.value,
        detailOuvert(s) ? (c.declaration?.etat ?? null) : null,
        !!c.succes,
        c.erreur?.code ?? null,
      ]);
    },
  };
}

let generation: Generation | undefined;
/** The agent's generated paths, built once per test file. */
export const agent = (): Generation => (generation ??= generer(modeleAgent()));
