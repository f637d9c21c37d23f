/** A small invented world and fake actors for the machines, Storybook and UI tests. */
import { fromPromise } from 'xstate';
import { campagne } from '../../forms/calendrier.ts';
import { messagesIdentifiant, normaliserIdentifiant } from '../../forms/identifiant.ts';
import { portalMachine } from '../../machines/portal.machine.ts';
import { declarationMachine } from '../../machines/declaration.machine.ts';
import { jetonsMachine } from '../../machines/jetons.machine.ts';
import { fakeAgent, type OptionsCaf } from './fixtures-caf.ts';
import { fakeImport, type OptionsImport } from './fixtures-import.ts';
import type { SuiviEsat } from '../../machines/caf.types.ts';
import type {
  ApiError,
  Brouillon,
  Caf,
  FicheTravailleur,
  Profil,
  Travailleur,
  Utilisateur,
} from '../../machines/types.ts';

export const profil: Profil = {
  user: { email: 'declarant@esat-des-tilleuls.test', role: 'declarant', mustChangePassword: false },
  esat: {
    siret: '12345678900012',
    name: 'Esat des Tilleuls',
    address: '12 rue des Tilleuls, 75011 Paris',
  },
  cguAccepted: true,
};

export const travailleurs: Travailleur[] = Array.from({ length: 30 }, (_, i) => ({
  id: `w${i + 1}`,
  nom: ['MARTIN', 'LEFÈVRE', 'BERNARD', 'DUBOIS', 'NGUYEN'][i % 5],
  prenom: ['Anne', 'Karim', 'Lucie', 'Paul', 'Inès', 'Hugo'][i % 6],
  numeroAllocataire: String(1000000 + i * 37),
  dateNaissance: `19${70 + (i % 25)}-0${1 + (i % 9)}-1${i % 10}`,
  dossier: i === 2 ? 'radie' : 'actif',
  // R-CA-8: during the campaign, w6 and w7 are declared, w8's certificat is already processed.
  certificat:
    i >= 5 && i <= 7
      ? {
          id: `d-w${i + 1}`,
          reference: `CE-2026-00000${i + 1}`,
          submittedAt: `2026-12-0${i - 4}T09:30:00.000Z`,
          etat: i === 7 ? ('traitee' as const) : ('a-traiter' as const),
        }
      : null,
}));

/** R-CA-8: where the campaign of the fixture Esat stands, as `GET /api/cafs` tells it. */
export function suiviDe(liste: Travailleur[], relance: SuiviEsat['relance'] = null): SuiviEsat {
  const attendus = liste.filter((t) => (t.dossier ?? 'actif') === 'actif').length;
  const declares = liste.filter((t) => t.certificat).length;
  return {
    year: 2026,
    deadline: '2027-01-15',
    attendus,
    declares,
    restants: attendus - declares,
    relance,
  };
}

/** R-AC-7: the identifiant de communication the fake Caf gave (typed « 12345 » it is found). */
export const IDENTIFIANT_DE_COMMUNICATION = '00000012345';

export function calendrier(today: string) {
  const c = campagne(today);
  return {
    today,
    certificatOpen: c.certificatOpen,
    campaign: { year: c.year, opens: c.opens, closes: c.closes },
  };
}

export type Panne =
  | 'chargerAccueil'
  | 'accepterCgu'
  | 'chargerTravailleurs'
  | 'chargerFiche'
  | 'supprimerBrouillon'
  | 'enregistrerDeclaration'
  | 'envoyerAvis';

/** Errors as the server (or the network) answers them, for `pannes`. */
export const erreurs = {
  reseau: {
    status: 0,
    code: 'reseau',
    message: 'Le service ne répond pas. Vérifiez votre connexion puis réessayez.',
  },
  interne: {
    status: 500,
    code: 'erreur-interne',
    message: 'Une erreur est survenue. Réessayez dans un instant.',
  },
  doublon: {
    status: 409,
    code: 'deja-declare',
    message: "Un certificat d'emploi a déjà été enregistré pour ce travailleur le 02/12/2026.",
  },
  regles: {
    status: 422,
    code: 'regles',
    message: 'La déclaration ne respecte pas les règles.',
    fields: [
      {
        path: '/aideAuPoste',
        message: "L'aide au poste ne peut pas dépasser la rémunération garantie.",
      },
    ],
  },
} satisfies Record<string, ApiError>;

export interface WorldOptions {
  today?: string;
  cafs?: Caf[];
  cguAccepted?: boolean;
  loggedIn?: boolean;
  /** Log in as a Caf agent instead of an Esat déclarant. */
  agent?: boolean;
  /** The agent's fake server calls that fail (fixtures-caf.ts). */
  pannesCaf?: OptionsCaf['pannes'];
  /** The password is provisional (R-AC-2). */
  provisoire?: boolean;
  /** Log in as the référent of the Esat (manages its users). */
  referent?: boolean;
  /** R-SE-2: drafts left by this user (on the accueil, and on the fiche of their worker). */
  brouillons?: Brouillon[];
  /** R-CA-6: the Caf's last reminder, shown on the accueil. */
  relance?: SuiviEsat['relance'];
  /** Server calls that fail, with the error each answers (the error states of the stories). */
  pannes?: Partial<Record<Panne, ApiError>>;
  /** R-IM: the fake import routes (an unfinished import listed on the accueil, failures). */
  import?: OptionsImport;
}

/** The users of the fixture Esat, as its référent lists them. */
export const utilisateurs: Utilisateur[] = [
  {
    email: 'declarant@esat-des-tilleuls.test',
    role: 'declarant',
    active: true,
    provisional: false,
    lastLoginAt: '2026-12-01T08:30:00.000Z',
  },
  {
    email: 'referent@esat-des-tilleuls.test',
    role: 'referent',
    active: true,
    provisional: false,
    lastLoginAt: '2026-12-02T09:00:00.000Z',
  },
  {
    email: 'ancien@esat-des-tilleuls.test',
    role: 'declarant',
    active: false,
    provisional: false,
    lastLoginAt: '2025-06-30T14:12:00.000Z',
  },
];

/** The portal machine with every server call answered from the fixtures. */
export function fakePortal(options: WorldOptions = {}) {
  const calls: { name: string; input?: unknown }[] = [];
  let loggedIn = options.loggedIn ?? true;
  let cguAccepted = options.cguAccepted ?? true;
  const cafs = options.cafs ?? [
    { code: '751', name: 'Caf de Paris', workerCount: travailleurs.length },
  ];
  const identifiees = new Set<string>();
  // The world changes as the user declares (R-CA-8) and deletes drafts (R-SE-2).
  const monde = travailleurs.map((t) => ({ ...t }));
  let brouillons = [...(options.brouillons ?? [])];
  const comptes = utilisateurs.map((u) => ({ ...u }));
  const imports = fakeImport({ today: options.today, ...options.import });
  const trouver = (input: { q: string; sansCertificat: boolean }) =>
    monde.filter(
      (t) =>
        `${t.nom} ${t.prenom} ${t.numeroAllocataire}`
          .toLowerCase()
          .includes(input.q.toLowerCase()) && !(input.sansCertificat && t.certificat),
    );
  const machine = portalMachine.provide({
    actors: {
      chargerProfil: fromPromise(async () => {
        calls.push({ name: 'chargerProfil' });
        if (!loggedIn) throw { status: 401, code: 'non-authentifie', message: 'Connectez-vous.' };
        if (options.agent) {
          return {
            user: {
              email: 'agent@caf-paris.test',
              role: 'agent' as const,
              mustChangePassword: !!options.provisoire,
            },
            esat: null,
            cguAccepted,
          };
        }
        if (options.provisoire)
          return { ...profil, user: { ...profil.user, mustChangePassword: true }, cguAccepted };
        if (options.referent)
          return {
            ...profil,
            user: {
              ...profil.user,
              email: 'referent@esat-des-tilleuls.test',
              role: 'referent' as const,
            },
            cguAccepted,
          };
        return { ...profil, cguAccepted };
      }),
      connecter: fromPromise(async ({ input }: { input: { email: string; password: string } }) => {
        calls.push({ name: 'connecter', input });
        if (input.password !== 'bon-mot-de-passe') {
          throw {
            status: 401,
            code: 'identifiants',
            message: 'Identifiant ou mot de passe incorrect.',
          };
        }
        loggedIn = true;
        return { user: profil.user };
      }),
      deconnecter: fromPromise(async () => {
        calls.push({ name: 'deconnecter' });
        loggedIn = false;
      }),
      accepterCgu: fromPromise(async () => {
        calls.push({ name: 'accepterCgu' });
        if (options.pannes?.accepterCgu) throw options.pannes.accepterCgu;
        cguAccepted = true;
      }),
      changerMotDePasse: fromPromise(
        async ({ input }: { input: { currentPassword: string; newPassword: string } }) => {
          calls.push({ name: 'changerMotDePasse', input });
          if (input.newPassword.length < 12) {
            const message = 'Le mot de passe doit comporter au moins 12 caractères.';
            throw {
              status: 422,
              code: 'mot-de-passe-refuse',
              message,
              fields: [{ path: '/newPassword', message }],
            };
          }
          options.provisoire = false;
          return {} as unknown;
        },
      ),
      demanderMotDePasse: fromPromise(async ({ input }: { input: { email: string } }) => {
        calls.push({ name: 'demanderMotDePasse', input });
      }),
      // R-AC-7: the identifiant de communication of a Caf that does not know the SIRET.
      verifierIdentifiant: fromPromise(
        async ({ input }: { input: { caf: string; identifiant: string } }) => {
          calls.push({ name: 'verifierIdentifiant', input });
          const saisi = normaliserIdentifiant(input.identifiant);
          if (!('valeur' in saisi) || saisi.valeur !== IDENTIFIANT_DE_COMMUNICATION) {
            const message = messagesIdentifiant.inconnu;
            throw {
              status: 404,
              code: 'identifiant-inconnu',
              message,
              fields: [{ path: '/identifiant', message }],
            };
          }
          identifiees.add(input.caf);
          return { code: input.caf, identifiantRequis: false } as unknown;
        },
      ),
      chargerUtilisateurs: fromPromise(async () => {
        calls.push({ name: 'chargerUtilisateurs' });
        return comptes.map((u) => ({ ...u }));
      }),
      creerUtilisateur: fromPromise(
        async ({ input }: { input: { email: string; role: 'declarant' | 'referent' } }) => {
          calls.push({ name: 'creerUtilisateur', input });
          const email = input.email.trim().toLowerCase();
          if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
            const message = 'Saisissez une adresse e-mail valide, par exemple prenom.nom@esat.fr.';
            throw {
              status: 422,
              code: 'utilisateur-invalide',
              message,
              fields: [{ path: '/email', message }],
            };
          }
          if (comptes.some((u) => u.email === email)) {
            const message = 'Un compte existe déjà pour cette adresse e-mail.';
            throw {
              status: 409,
              code: 'utilisateur-existant',
              message,
              fields: [{ path: '/email', message }],
            };
          }
          const cree: Utilisateur = {
            email,
            role: input.role,
            active: true,
            provisional: true,
            lastLoginAt: null,
          };
          comptes.push(cree);
          return cree;
        },
      ),
      changerActivation: fromPromise(
        async ({ input }: { input: { email: string; active: boolean } }) => {
          calls.push({ name: 'changerActivation', input });
          const u = comptes.find((x) => x.email === input.email)!;
          u.active = input.active;
          return { ...u };
        },
      ),
      chargerAccueil: fromPromise(
        async (): Promise<{
          cafs: Caf[];
          calendrier: ReturnType<typeof calendrier>;
          brouillons: Brouillon[];
          imports?: ReturnType<typeof imports.enCours>;
        }> => {
          if (options.pannes?.chargerAccueil) throw options.pannes.chargerAccueil;
          const cal = calendrier(options.today ?? '2026-12-02');
          return {
            cafs: cafs.map((c) => ({
              ...c,
              ...(identifiees.has(c.code) ? { identifiantRequis: false } : {}),
              suivi: cal.certificatOpen ? suiviDe(monde, options.relance ?? null) : null,
            })),
            calendrier: cal,
            brouillons: brouillons as Brouillon[],
            imports: imports.enCours(),
          };
        },
      ),
      chargerTravailleurs: fromPromise(
        async ({
          input,
        }: {
          input: {
            caf: string;
            q: string;
            page: number;
            pageSize: number;
            sansCertificat: boolean;
          };
        }) => {
          calls.push({ name: 'chargerTravailleurs', input });
          if (options.pannes?.chargerTravailleurs) throw options.pannes.chargerTravailleurs;
          const found = trouver(input);
          const start = (input.page - 1) * input.pageSize;
          return {
            items: found.slice(start, start + input.pageSize),
            total: found.length,
            page: input.page,
            pageSize: input.pageSize,
          };
        },
      ),
      chargerTousTravailleurs: fromPromise(
        async ({ input }: { input: { caf: string; q: string; sansCertificat: boolean } }) => {
          calls.push({ name: 'chargerTousTravailleurs', input });
          if (options.pannes?.chargerTravailleurs) throw options.pannes.chargerTravailleurs;
          return trouver(input);
        },
      ),
      supprimerBrouillon: fromPromise(async ({ input }: { input: { workerId: string } }) => {
        calls.push({ name: 'supprimerBrouillon', input });
        if (options.pannes?.supprimerBrouillon) throw options.pannes.supprimerBrouillon;
        brouillons = brouillons.filter((b) => b.travailleur?.id !== input.workerId);
      }),
      chargerFiche: fromPromise(
        async ({ input }: { input: { id: string } }): Promise<FicheTravailleur> => {
          calls.push({ name: 'chargerFiche', input });
          if (options.pannes?.chargerFiche) throw options.pannes.chargerFiche;
          // R-CS-5: w1 and w2 are a couple working in this Esat.
          const conjoints: Record<string, string> = { w1: 'w2', w2: 'w1' };
          const conjoint = monde.find((t) => t.id === conjoints[input.id]);
          const brouillon = brouillons.find((b) => b.travailleur?.id === input.id);
          const t = monde.find((x) => x.id === input.id)!;
          return {
            ...t,
            history: t.certificat
              ? [
                  {
                    id: t.certificat.id,
                    kind: 'certificat',
                    submittedAt: t.certificat.submittedAt,
                    reference: t.certificat.reference,
                    etat: t.certificat.etat,
                    traiteeLe: t.certificat.etat === 'traitee' ? '2026-12-05T14:00:00.000Z' : null,
                  },
                ]
              : [],
            conjoint,
            brouillon,
          };
        },
      ),
      agent: fakeAgent({ today: options.today, pannes: options.pannesCaf }).machine,
      import: imports.machine,
      // The portal's children are provided by whoever runs it (the UI loads them on demand).
      jetons: jetonsMachine,
      declaration: declarationMachine.provide({
        actors: {
          enregistrerDeclaration: fromPromise(async ({ input }) => {
            calls.push({ name: 'enregistrerDeclaration', input });
            if (options.pannes?.enregistrerDeclaration) throw options.pannes.enregistrerDeclaration;
            const t = monde.find((x) => x.id === input.workerId);
            if (t && input.kind === 'certificat')
              t.certificat = {
                id: `d-${input.workerId}`,
                submittedAt: '2026-12-02T10:00:00.000Z',
                etat: 'a-traiter',
              };
            brouillons = brouillons.filter((b) => b.travailleur?.id !== input.workerId);
            return {
              id: `d-${input.workerId}`,
              kind: input.kind,
              workerId: input.workerId,
              submittedAt: '2026-12-02T10:00:00.000Z',
            };
          }),
          envoyerAvis: fromPromise(async () => {
            if (options.pannes?.envoyerAvis) throw options.pannes.envoyerAvis;
          }),
        },
      }),
    },
  });
  return { machine, calls, imports };
}
