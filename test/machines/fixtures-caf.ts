/**
 * A small invented Caf for the agent machine, its stories and tests: the Caf de Paris, six Esat,
 * the campaign 2026 under way (today 8 January 2027) and the campaign 2025 before it. The fake
 * actors answer as the `/api/caf/*` routes of SPEC §10 would (machines/caf.types.ts).
 */
import { fromPromise } from 'xstate';
import { agentMachine, type FormatExport, type TriCampagne } from '../../machines/agent.machine.ts';
import type {
  ApercuRelance,
  Campagne,
  DeclarationDetail,
  DeclarationRecue,
  DemandeRelance,
  DemandeTraitement,
  Etat,
  FicheEsat,
  FiltreDeclarations,
  LigneCampagne,
  PointJournalier,
  Relance,
  TravailleurCaf,
  UtilisateurEsat,
} from '../../machines/caf.types.ts';
import type { ApiError, AvisRecu } from '../../machines/types.ts';
import type { Dossier } from '../../forms/dossiers.ts';
import type { DeclarationKind } from '../../forms/index.ts';

/** The default « today » of the agent's stories: in the campaign 2026, a week before its deadline. */
export const AUJOURD_HUI_CAF = '2027-01-08';

export const AGENT = 'agent@caf-paris.test';

interface EsatFixture {
  siret: string;
  name: string;
  address: string;
  /** Active workers of this Caf (certificats expected). */
  attendus: number;
  /** Certificats received this campaign, in order, by day of campaign (0 = 1 December). */
  jours: number[];
  /** Certificats received the campaign before, by day of campaign. */
  joursAvant: number[];
  /** Workers whose file cannot take a declaration (R-WK). */
  bloques: Exclude<Dossier, 'actif'>[];
}

const etale = (n: number, debut: number, pas: number) =>
  Array.from({ length: n }, (_, i) => debut + Math.floor(i * pas));

export const esats: EsatFixture[] = [
  {
    siret: '12345678900012',
    name: 'Esat des Tilleuls',
    address: '12 rue des Tilleuls, 75011 Paris',
    attendus: 12,
    jours: etale(9, 1, 3.5),
    joursAvant: etale(12, 2, 3),
    bloques: ['radie'],
  },
  {
    siret: '22345678900011',
    name: 'Esat du Canal',
    address: '3 quai de Jemmapes, 75010 Paris',
    attendus: 8,
    jours: etale(8, 0, 1.2),
    joursAvant: etale(8, 1, 2),
    bloques: [],
  },
  {
    siret: '32345678900010',
    name: 'Les Ateliers de la Villette',
    address: '40 avenue Jean-Jaurès, 75019 Paris',
    attendus: 15,
    jours: etale(4, 10, 6),
    joursAvant: etale(15, 5, 2.5),
    bloques: ['en-cours-affiliation', 'activite-inconnue'],
  },
  {
    siret: '42345678900019',
    name: 'Belleville Services',
    address: '8 rue de Belleville, 75020 Paris',
    attendus: 6,
    jours: [],
    joursAvant: etale(6, 20, 3),
    bloques: [],
  },
  {
    siret: '52345678900018',
    name: 'Esat du Parc Montsouris',
    address: '21 boulevard Jourdan, 75014 Paris',
    attendus: 10,
    jours: etale(7, 3, 4),
    joursAvant: etale(10, 4, 3),
    bloques: ['salarie-absent'],
  },
  {
    siret: '62345678900017',
    name: 'Jardins de Ménilmontant',
    address: '5 rue des Cascades, 75020 Paris',
    attendus: 5,
    jours: etale(5, 2, 5),
    joursAvant: etale(5, 3, 6),
    bloques: [],
  },
];

const noms = ['MARTIN', 'LEFÈVRE', 'BERNARD', 'DUBOIS', 'NGUYEN', 'MOREAU', 'GARCIA', 'ROUX'];
const prenoms = ['Anne', 'Karim', 'Lucie', 'Paul', 'Inès', 'Hugo', 'Fatou', 'Yanis', 'Chloé'];

const pad = (n: number) => String(n).padStart(2, '0');

/** The day `jour` days after 1 December of `annee`, as `YYYY-MM-DD`. */
export function jourDeCampagne(annee: number, jour: number): string {
  const d = new Date(Date.UTC(annee, 11, 1 + jour));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Every worker of this Caf, by Esat; the first `jours.length` have their certificat. */
function travailleursDe(e: EsatFixture, rang: number): TravailleurCaf[] {
  const actifs = Array.from({ length: e.attendus }, (_, i) => i);
  return [...actifs, ...e.bloques.map((_, i) => e.attendus + i)].map((i) => {
    const n = rang * 31 + i;
    return {
      id: `t${rang + 1}-${i + 1}`,
      numeroAllocataire: String(2000000 + n * 53),
      nom: noms[n % noms.length],
      prenom: prenoms[(n * 5) % prenoms.length],
      dateNaissance: `19${70 + (n % 25)}-${pad(1 + (n % 12))}-${pad(1 + (n % 27))}`,
      dossier: i < e.attendus ? 'actif' : e.bloques[i - e.attendus],
      certificat: null,
    };
  });
}

interface DeclarationFixture extends DeclarationDetail {
  travailleurId: string;
}

const certificatData = (n: number) => ({
  moisRemunerationGarantie: 12,
  remunerationGarantie: 1150 + (n % 7) * 25.5,
  aideAuPoste: 680 + (n % 5) * 12.25,
});

/** The world of one story or test: its state changes as the agent acts (traitée, relances…). */
export function mondeCaf(today = AUJOURD_HUI_CAF) {
  const annee = Number(today.slice(0, 4)) - (today.slice(5, 7) === '12' ? 0 : 1);
  const travailleurs = new Map(esats.map((e, i) => [e.siret, travailleursDe(e, i)]));
  const declarations: DeclarationFixture[] = [];
  let numero = 0;
  const ajouter = (
    e: EsatFixture,
    t: TravailleurCaf,
    kind: DeclarationKind,
    submittedAt: string,
    data: Record<string, unknown>,
    campaignYear?: number,
  ) => {
    numero += 1;
    const id = `dcl-${String(numero).padStart(4, '0')}`;
    declarations.push({
      id,
      reference: `${kind === 'certificat' ? 'CE' : 'CS'}-${submittedAt.slice(0, 4)}-${String(numero).padStart(6, '0')}`,
      kind,
      submittedAt,
      etat: campaignYear !== undefined && campaignYear < annee ? 'traitee' : 'a-traiter',
      worker: {
        numeroAllocataire: t.numeroAllocataire,
        nom: t.nom,
        prenom: t.prenom,
        dateNaissance: t.dateNaissance,
      },
      esat: { siret: e.siret, name: e.name, address: e.address },
      caf: { code: '751', name: 'Caf de Paris' },
      data,
      userEmail: `declarant@${e.name
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z ]/g, '')
        .trim()
        .replace(/ +/g, '-')}.test`,
      campaignYear,
      traitement: null,
      historiqueEtat: [],
      travailleurId: t.id,
    });
    return declarations[declarations.length - 1];
  };
  for (const [rang, e] of esats.entries()) {
    const ts = travailleurs.get(e.siret)!;
    e.joursAvant.forEach((jour, i) =>
      ajouter(
        e,
        ts[i],
        'certificat',
        `${jourDeCampagne(annee - 1, jour)}T09:${pad((i * 7) % 60)}:00.000Z`,
        certificatData(i),
        annee - 1,
      ),
    );
    e.jours.forEach((jour, i) => {
      const d = ajouter(
        e,
        ts[i],
        'certificat',
        `${jourDeCampagne(annee, jour)}T10:${pad((i * 11) % 60)}:00.000Z`,
        certificatData(i + rang),
        annee,
      );
      ts[i].certificat = { id: d.id, submittedAt: d.submittedAt, etat: d.etat };
    });
    // One changement de situation for the first Esat with workers: a departure last June.
    if (rang < 2)
      ajouter(e, ts[e.attendus - 1], 'depart', `${annee}-06-${pad(20 + rang)}T08:15:00.000Z`, {
        dateDepart: `${annee}-06-30`,
        motif: 'retraite',
      });
  }
  const relances: Relance[] = [
    {
      siret: '32345678900010',
      year: annee,
      at: `${jourDeCampagne(annee, 30)}T08:00:00.000Z`,
      by: AGENT,
      manquants: 12,
    },
  ];
  const utilisateurs = new Map<string, UtilisateurEsat[]>(
    esats.map((e, i) => [
      e.siret,
      i === 3
        ? []
        : [
            {
              email: `referent@${e.siret}.test`,
              role: 'referent',
              active: true,
              provisional: false,
              lastLoginAt: `${jourDeCampagne(annee, 20 + i)}T07:45:00.000Z`,
            },
            {
              email: `declarant@${e.siret}.test`,
              role: 'declarant',
              active: i !== 4,
              provisional: false,
              lastLoginAt: i === 4 ? null : `${jourDeCampagne(annee, 30 + i)}T13:10:00.000Z`,
            },
          ],
    ]),
  );
  return { today, annee, travailleurs, declarations, relances, utilisateurs };
}

export type MondeCaf = ReturnType<typeof mondeCaf>;

export type PanneCaf =
  | 'chargerCampagne'
  | 'chargerEsat'
  | 'changerActivation'
  | 'creerReferent'
  | 'chargerDeclarations'
  | 'chargerDeclaration'
  | 'exporter'
  | 'traiter'
  | 'chargerApercu'
  | 'envoyerRelances'
  | 'chargerAvis';

export interface OptionsCaf {
  today?: string;
  /** Server calls that fail, with the error each answers. */
  pannes?: Partial<Record<PanneCaf, ApiError>>;
}

const introuvable = (quoi: string): ApiError => ({
  status: 404,
  code: 'introuvable',
  message: `${quoi} introuvable.`,
});

/** The campaign of `year` as `GET /api/caf/campagne` answers it. */
export function campagneDe(
  monde: MondeCaf,
  q: { year?: number; q: string; sort: TriCampagne; page: number; pageSize: number },
): Campagne {
  const year = q.year ?? monde.annee;
  const certificats = (y: number) =>
    monde.declarations.filter((d) => d.kind === 'certificat' && d.campaignYear === y);
  const lignes: LigneCampagne[] = esats.map((e) => {
    const recus = certificats(year).filter((d) => d.esat.siret === e.siret);
    const relance = monde.relances
      .filter((r) => r.siret === e.siret && r.year === year)
      .sort((a, b) => b.at.localeCompare(a.at))[0];
    return {
      siret: e.siret,
      name: e.name,
      attendus: e.attendus,
      recus: recus.length,
      manquants: Math.max(0, e.attendus - recus.length),
      dernierRecu:
        recus
          .map((d) => d.submittedAt)
          .sort()
          .pop() ?? null,
      derniereRelance: relance?.at ?? null,
    };
  });
  const texte = q.q.trim().toLowerCase();
  const trouvees = lignes.filter(
    (l) => !texte || l.name.toLowerCase().includes(texte) || l.siret.includes(texte),
  );
  const part = (l: LigneCampagne) => (l.attendus ? l.recus / l.attendus : 1);
  const ordre: Record<TriCampagne, (a: LigneCampagne, b: LigneCampagne) => number> = {
    part: (a, b) => part(a) - part(b) || a.name.localeCompare(b.name),
    '-part': (a, b) => part(b) - part(a) || a.name.localeCompare(b.name),
    nom: (a, b) => a.name.localeCompare(b.name, 'fr'),
    manquants: (a, b) => a.manquants - b.manquants || a.name.localeCompare(b.name),
    '-manquants': (a, b) => b.manquants - a.manquants || a.name.localeCompare(b.name),
  };
  trouvees.sort(ordre[q.sort]);
  const debut = (q.page - 1) * q.pageSize;
  const courbe = (y: number): PointJournalier[] => {
    const parJour = new Map<string, number>();
    for (const d of certificats(y)) {
      const jour = d.submittedAt.slice(0, 10);
      parJour.set(jour, (parJour.get(jour) ?? 0) + 1);
    }
    let cumul = 0;
    return [...parJour.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, n]) => ({ date, recus: (cumul += n) }));
  };
  const somme = (f: (l: LigneCampagne) => number) => lignes.reduce((s, l) => s + f(l), 0);
  return {
    campaign: {
      year,
      opens: `${year}-12-01`,
      closes: `${year + 1}-02-28`,
      deadline: `${year + 1}-01-15`,
    },
    today: monde.today,
    totals: {
      esats: lignes.length,
      attendus: somme((l) => l.attendus),
      recus: somme((l) => l.recus),
      manquants: somme((l) => l.manquants),
    },
    items: trouvees.slice(debut, debut + q.pageSize),
    total: trouvees.length,
    page: q.page,
    pageSize: q.pageSize,
    daily: courbe(year),
    previous: { year: year - 1, daily: courbe(year - 1) },
  };
}

const enListe = ({ travailleurId: _, data: __, ...d }: DeclarationFixture): DeclarationRecue => ({
  id: d.id,
  reference: d.reference,
  kind: d.kind,
  submittedAt: d.submittedAt,
  etat: d.etat,
  worker: {
    numeroAllocataire: d.worker.numeroAllocataire,
    nom: d.worker.nom,
    prenom: d.worker.prenom,
  },
  esat: { siret: d.esat.siret, name: d.esat.name },
});

/** The declarations of a filter, newest first (R-CA-3). */
export function filtrer(monde: MondeCaf, f: FiltreDeclarations) {
  return monde.declarations
    .filter(
      (d) =>
        (!f.kind || d.kind === f.kind) &&
        (!f.esat || d.esat.siret === f.esat) &&
        (!f.etat || d.etat === f.etat) &&
        (!f.from || d.submittedAt.slice(0, 10) >= f.from) &&
        (!f.to || d.submittedAt.slice(0, 10) <= f.to),
    )
    .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
}

const retard = (monde: MondeCaf, year: number) =>
  campagneDe(monde, { year, q: '', sort: '-manquants', page: 1, pageSize: 100 }).items.filter(
    (l) => l.manquants > 0,
  );

/** The agent machine with every server call answered from a `mondeCaf`. */
export function fakeAgent(options: OptionsCaf = {}) {
  const monde = mondeCaf(options.today);
  const calls: { name: string; input?: unknown }[] = [];
  const exports = new Map<string, string[]>();
  const panne = (nom: PanneCaf) => {
    const e = options.pannes?.[nom];
    if (e) throw e;
  };
  const appel = (name: PanneCaf, input?: unknown) => {
    calls.push({ name, input });
    panne(name);
  };
  const machine = agentMachine.provide({
    actors: {
      chargerCampagne: fromPromise(async ({ input }) => {
        appel('chargerCampagne', input);
        return campagneDe(monde, input);
      }),
      chargerEsat: fromPromise(async ({ input }): Promise<FicheEsat> => {
        appel('chargerEsat', input);
        const e = esats.find((x) => x.siret === input.siret);
        if (!e) throw introuvable('Établissement');
        const year = input.year ?? monde.annee;
        return {
          esat: { siret: e.siret, name: e.name, address: e.address },
          year,
          users: monde.utilisateurs.get(e.siret)!.map((u) => ({ ...u })),
          workers: monde.travailleurs.get(e.siret)!.map((t) => {
            const d = monde.declarations.find(
              (x) => x.travailleurId === t.id && x.kind === 'certificat' && x.campaignYear === year,
            );
            return {
              ...t,
              certificat: d ? { id: d.id, submittedAt: d.submittedAt, etat: d.etat } : null,
            };
          }),
          changements: monde.declarations
            .filter((d) => d.esat.siret === e.siret && d.kind !== 'certificat')
            .map(enListe),
          relances: monde.relances.filter((r) => r.siret === e.siret && r.year === year),
        };
      }),
      changerActivation: fromPromise(async ({ input }) => {
        appel('changerActivation', input);
        const u = [...monde.utilisateurs.values()].flat().find((x) => x.email === input.email);
        if (!u) throw introuvable('Compte');
        u.active = input.active;
        return { ...u };
      }),
      creerReferent: fromPromise(async ({ input }) => {
        appel('creerReferent', input);
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
        const cree: UtilisateurEsat = {
          email,
          role: 'referent',
          active: true,
          provisional: true,
          lastLoginAt: null,
        };
        monde.utilisateurs.get(input.siret)!.push(cree);
        return cree;
      }),
      chargerDeclarations: fromPromise(async ({ input }) => {
        appel('chargerDeclarations', input);
        const trouvees = filtrer(monde, input.filtre);
        const debut = (input.page - 1) * input.pageSize;
        return {
          items: trouvees.slice(debut, debut + input.pageSize).map(enListe),
          total: trouvees.length,
          page: input.page,
          pageSize: input.pageSize,
        };
      }),
      chargerDeclaration: fromPromise(async ({ input }): Promise<DeclarationDetail> => {
        appel('chargerDeclaration', input);
        const d = monde.declarations.find((x) => x.id === input.id);
        if (!d) throw introuvable('Déclaration');
        const { travailleurId: _, ...detail } = d;
        return structuredClone(detail);
      }),
      exporter: fromPromise(
        async ({ input }: { input: { format: FormatExport; filtre: FiltreDeclarations } }) => {
          appel('exporter', input);
          const exportId = `exp-${exports.size + 1}`;
          exports.set(
            exportId,
            filtrer(monde, input.filtre).map((d) => d.id),
          );
          return { exportId, format: input.format };
        },
      ),
      traiter: fromPromise(async ({ input }: { input: DemandeTraitement }) => {
        appel('traiter', input);
        if (input.etat === 'a-traiter' && !input.motif?.trim()) {
          const message = 'Indiquez le motif du retour à « à traiter ».';
          throw {
            status: 422,
            code: 'motif-requis',
            message,
            fields: [{ path: '/motif', message }],
          };
        }
        const ids = input.exportId !== undefined ? exports.get(input.exportId) : input.ids;
        if (!ids) throw introuvable('Export');
        let updated = 0;
        for (const d of monde.declarations.filter((x) => ids.includes(x.id))) {
          if (d.etat === input.etat) continue;
          const at = `${monde.today}T11:00:00.000Z`;
          d.etat = input.etat as Etat;
          d.traitement = input.etat === 'traitee' ? { at, by: AGENT } : null;
          d.historiqueEtat.push({
            etat: input.etat,
            at,
            by: AGENT,
            ...(input.motif ? { motif: input.motif } : {}),
          });
          updated += 1;
        }
        return { updated };
      }),
      chargerApercu: fromPromise(async ({ input }): Promise<ApercuRelance> => {
        appel('chargerApercu', input);
        const lignes = retard(monde, input.year).filter(
          (l) => input.esats === 'retard' || input.esats.includes(l.siret),
        );
        return {
          subject: `Campagne ${input.year} des certificats d'emploi : certificats attendus`,
          text:
            'Bonjour,\n\nLa Caf de Paris n’a pas encore reçu tous les certificats d’emploi de ' +
            `votre établissement pour la campagne ${input.year}. Il en manque {manquants}. ` +
            `Merci de les déclarer sur l’Espace Esat avant le 15 janvier ${input.year + 1}.\n\n` +
            'La Caf de Paris',
          destinataires: lignes.map((l) => ({
            siret: l.siret,
            name: l.name,
            manquants: l.manquants,
            users: monde.utilisateurs.get(l.siret)!.filter((u) => u.active).length,
            dejaRelanceeAujourdhui: monde.relances.some(
              (r) => r.siret === l.siret && r.at.slice(0, 10) === monde.today,
            ),
          })),
        };
      }),
      envoyerRelances: fromPromise(async ({ input }: { input: DemandeRelance }) => {
        appel('envoyerRelances', input);
        const lignes = retard(monde, input.year).filter(
          (l) => input.esats === 'retard' || input.esats.includes(l.siret),
        );
        const deja = lignes.filter((l) =>
          monde.relances.some((r) => r.siret === l.siret && r.at.slice(0, 10) === monde.today),
        );
        if (deja.length > 0 && !input.confirmer) {
          const message = `${deja.map((l) => l.name).join(', ')} : déjà relancée aujourd’hui.`;
          throw {
            status: 409,
            code: 'relance-deja-envoyee',
            message,
            fields: deja.map((l) => ({ path: `/esats/${lignes.indexOf(l)}`, message })),
          };
        }
        for (const l of lignes)
          monde.relances.push({
            siret: l.siret,
            year: input.year,
            at: `${monde.today}T10:30:00.000Z`,
            by: AGENT,
            manquants: l.manquants,
          });
        return { sent: lignes.map((l) => ({ siret: l.siret, manquants: l.manquants })) };
      }),
      chargerAvis: fromPromise(async (): Promise<AvisRecu[]> => {
        appel('chargerAvis');
        return [
          {
            declarationId: 'dcl-0013',
            esat: 'Esat des Tilleuls',
            kind: 'certificat',
            note: 4,
            commentaire: 'Très clair.',
            submittedAt: '2026-12-02T10:00:00.000Z',
          },
        ];
      }),
    },
  });
  return { machine, calls, monde };
}
