/**
 * The worlds the models are generated in: the fixtures' invented world (jsdom: every answer a
 * server could give, errors included), and test/e2e/world.json as the real server answers it
 * (the browser suite: only what that server does).
 */
import { readFileSync } from 'node:fs';
import { calendrier, profil, travailleurs } from '../machines/fixtures.ts';
import type { Brouillon, Caf, Profil, Travailleur } from '../../machines/types.ts';
import { panne, type Monde } from './portail.modele.ts';

export const AUJOURD_HUI = '2026-12-02';

const cafParis: Caf = { code: '751', name: 'Caf de Paris', workerCount: travailleurs.length };
/** R-AC-7: a second Caf that does not know the Esat's SIRET (asks its identifiant). */
const cafHautsDeSeine = {
  code: '921',
  name: 'Caf des Hauts-de-Seine',
  workerCount: 4,
  identifiantRequis: true,
} as Caf;

const travailleursHautsDeSeine: Travailleur[] = ['DURAND', 'PETIT', 'ROBERT', 'RICHARD'].map(
  (nom, i) => ({
    id: `h${i + 1}`,
    nom,
    prenom: ['Léa', 'Noé', 'Jade', 'Tom'][i],
    numeroAllocataire: String(9210000 + i),
    dateNaissance: '1990-01-01',
  }),
);

const w = (id: string) => travailleurs.find((t) => t.id === id)!;
const runDe = (liste: Travailleur[]) => ({
  teleprocedure: 'certificat' as const,
  travailleurs: liste,
  index: 0,
  valides: [],
});
const brouillonW1: Brouillon = {
  teleprocedure: 'certificat',
  kind: 'certificat',
  reponses: {},
  saisie: { remunerationGarantie: '1200' },
  updatedAt: '2026-12-01T16:00:00.000Z',
  travailleur: w('w1'),
};

/** The fixtures' world: w1 and w2 are a couple (R-CS-5), w4 works alone. */
export const mondeFixtures: Monde = {
  nom: 'fixtures',
  email: profil.user.email,
  motDePasse: 'bon-mot-de-passe',
  nouveauMotDePasse: 'Nouveau-mot-de-passe-2026',
  profils: [
    // A référent (R-AC: manages the Esat's accounts); a déclarant at first login (CGU).
    { ...profil, user: { ...profil.user, role: 'referent' } },
    { ...profil, cguAccepted: false },
    { ...profil, user: { ...profil.user, mustChangePassword: true } },
    {
      user: { email: 'agent@caf-paris.test', role: 'agent', mustChangePassword: false },
      esat: null,
      cguAccepted: true,
    },
    // R-AC-5: a Caf agent accepts the CGU too before its space.
    {
      user: { email: 'agent@caf-paris.test', role: 'agent', mustChangePassword: false },
      esat: null,
      cguAccepted: false,
    },
  ],
  accueils: [
    { cafs: [cafParis], calendrier: calendrier(AUJOURD_HUI), brouillons: [] },
    // R-SE-2: a draft left for w1 (resumed, or deleted from the accueil or the fiche).
    {
      cafs: [cafParis, cafHautsDeSeine],
      calendrier: calendrier(AUJOURD_HUI),
      brouillons: [brouillonW1],
    },
  ],
  // Reloads inside a run: w1's saisie (its draft resumed), w6's fiche (certificat declared).
  rechargements: [
    {
      adresse: { ecran: 'declaration', id: 'w1', etape: 'saisie' },
      reprise: { caf: '751', selection: [w('w1')], run: runDe([w('w1')]) },
    },
    {
      adresse: { ecran: 'fiche', id: 'w6' },
      reprise: { caf: '751', selection: [w('w6')], run: runDe([w('w6')]) },
    },
  ],
  travailleurs: { '751': travailleurs, '921': travailleursHautsDeSeine },
  choisis: ['w4', 'w1'],
  filtre: 'lef',
  conjoints: { w1: 'w2', w2: 'w1' },
  identifiants: ['12345', '12-34'],
  avis: [
    {
      declarationId: 'd1',
      esat: 'Esat des Tilleuls',
      kind: 'certificat',
      note: 4,
      commentaire: 'Très clair.',
      submittedAt: '2026-12-02T10:00:00.000Z',
    },
  ],
  utilisateurs: [
    {
      email: profil.user.email,
      role: 'referent',
      active: true,
      provisional: false,
      lastLoginAt: '2026-12-01T09:00:00.000Z',
    },
    {
      email: 'marie.curie@esat-des-tilleuls.test',
      role: 'declarant',
      active: true,
      provisional: false,
      lastLoginAt: null,
    },
    {
      email: 'ancien.collegue@esat-des-tilleuls.test',
      role: 'declarant',
      active: false,
      provisional: false,
      lastLoginAt: null,
    },
  ],
  nouveauCompte: { email: 'nouvelle.personne@esat-des-tilleuls.test', role: 'declarant' },
  erreurs: {
    chargerUtilisateurs: [panne],
    supprimerBrouillon: [panne],
    creerUtilisateur: [
      {
        status: 422,
        code: 'compte-existant',
        message: 'Un compte existe déjà pour cette adresse.',
        fields: [{ path: '/email', message: 'Un compte existe déjà pour cette adresse.' }],
      },
    ],
    changerActivation: [panne],
    chargerProfil: [{ status: 401, code: 'non-authentifie', message: 'Connectez-vous.' }],
    connecter: [
      { status: 401, code: 'identifiants', message: 'Identifiant ou mot de passe incorrect.' },
    ],
    deconnecter: [panne],
    accepterCgu: [panne],
    chargerAccueil: [panne],
    chargerTravailleurs: [panne],
    demanderMotDePasse: [panne],
    changerMotDePasse: [
      {
        status: 422,
        code: 'mot-de-passe-refuse',
        message: 'Le mot de passe doit comporter au moins 12 caractères.',
        fields: [
          {
            path: '/newPassword',
            message: 'Le mot de passe doit comporter au moins 12 caractères.',
          },
        ],
      },
    ],
    chargerAvis: [panne],
    verifierIdentifiant: [
      {
        status: 404,
        code: 'identifiant-inconnu',
        message: "Cet identifiant de communication n'est pas connu de cette Caf.",
      },
    ],
    chargerFiche: [panne],
  },
};

interface WorldJson {
  cafs: { code: string; name: string }[];
  esats: { siret: string; name: string; address: string; cafs: string[] }[];
  users: { email: string; password: string; role: Profil['user']['role']; esat?: string }[];
  workers: (Omit<Travailleur, 'id'> & { caf: string; esat: string; conjoint?: string })[];
}

/**
 * test/e2e/world.json as the real server answers a first login of one of its users: the
 * login screen (not logged in yet), then the CGU, then its Esat's Caf. Worker ids are their
 * allocataire numbers here (the browser finds a worker by name, never by id).
 */
export function mondeE2e(today: string, email = 'claire.martin@ateliers-canal.test'): Monde {
  const world = JSON.parse(
    readFileSync(new URL('../e2e/world.json', import.meta.url), 'utf8'),
  ) as WorldJson;
  const user = world.users.find((u) => u.email === email)!;
  const esat = world.esats.find((e) => e.siret === user.esat)!;
  const parCaf: Record<string, Travailleur[]> = {};
  for (const w of world.workers.filter((x) => x.esat === esat.siret)) {
    (parCaf[w.caf] ??= []).push({
      id: w.numeroAllocataire,
      nom: w.nom,
      prenom: w.prenom,
      numeroAllocataire: w.numeroAllocataire,
      dateNaissance: w.dateNaissance,
      ...(w.dossier ? { dossier: w.dossier } : {}),
    });
  }
  const cafs = esat.cafs.map((code) => ({
    code,
    name: world.cafs.find((c) => c.code === code)!.name,
    workerCount: parCaf[code]?.length ?? 0,
  }));
  const actifs = (parCaf[esat.cafs[0]] ?? []).filter((t) => !t.dossier || t.dossier === 'actif');
  return {
    nom: 'world.json',
    email: user.email,
    motDePasse: user.password,
    nouveauMotDePasse: '',
    profils: [
      {
        user: { email: user.email, role: user.role, mustChangePassword: false },
        esat: { siret: esat.siret, name: esat.name, address: esat.address },
        cguAccepted: false,
      },
    ],
    accueils: [{ cafs, calendrier: calendrier(today), brouillons: [] }],
    travailleurs: parCaf,
    choisis: actifs.slice(0, 2).map((t) => t.id),
    filtre: actifs[0]?.nom.slice(0, 3).toLowerCase() ?? '',
    conjoints: {},
    identifiants: [],
    avis: [],
    utilisateurs: [],
    nouveauCompte: { email: '', role: 'declarant' },
    // Not logged in when the page opens: the only failure this server gives on these paths.
    erreurs: {
      chargerProfil: [{ status: 401, code: 'non-authentifie', message: 'Connectez-vous.' }],
    },
  };
}
