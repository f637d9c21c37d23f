/** A small world for the store's tests: two Caf, two Esat, a few workers and declarations. */
import {
  emptyData,
  type Data,
  type DeclarationRecord,
  type WorkerRecord,
} from '../../server/store/contract.ts';

export const SIRET_A = '44306184100062';
export const SIRET_B = '55306184100011';

/** A worker of Esat A (Caf 751) unless told otherwise. */
export function worker(id: string, nom: string, more: Partial<WorkerRecord> = {}): WorkerRecord {
  return {
    id,
    numeroAllocataire: `751${id.padStart(4, '0')}`,
    caf: '751',
    esat: SIRET_A,
    nom,
    prenom: 'Anne',
    dateNaissance: '1980-02-03',
    dossier: 'actif',
    tauxActivite: 80,
    ...more,
  };
}

/** A certificat of campaign `year` for a worker of Esat A. */
export function certificat(
  id: string,
  workerId: string,
  year: number,
  more: Partial<DeclarationRecord> = {},
): DeclarationRecord {
  return {
    id,
    kind: 'certificat',
    workerId,
    esat: SIRET_A,
    caf: '751',
    userEmail: 'declarant@esat-a.test',
    data: { moisRemunerationGarantie: 12, remunerationGarantie: 1200.5, aideAuPoste: 700 },
    campaignYear: year,
    submittedAt: `${year - 1}-12-10T09:00:00.000Z`,
    ...more,
  };
}

/** The world: its records in a fixed order (insertion order is part of what is checked). */
export function smallWorld(): Data {
  return {
    ...emptyData(),
    cafs: [
      { code: '751', name: 'Caf de Paris' },
      { code: '931', name: 'Caf de la Seine-Saint-Denis' },
    ],
    esats: [
      {
        siret: SIRET_A,
        name: 'Esat A',
        address: '1 rue A, 75019 Paris',
        cafs: ['751', '931'],
        communicationIds: { '751': '00000075101' },
      },
      {
        siret: SIRET_B,
        name: 'Esat B',
        address: '2 rue B, 93200 Saint-Denis',
        cafs: ['931'],
        communicationIds: {},
        siretUnknownTo: ['931'],
      },
    ],
    users: [
      {
        email: 'declarant@esat-a.test',
        passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$aaaa$bbbb',
        role: 'declarant',
        esat: SIRET_A,
        provisional: false,
        cguAccepted: true,
        passwordChangedAt: '2026-01-02T10:00:00.000Z',
      },
      {
        email: 'agent@caf-751.test',
        passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$cccc$dddd',
        role: 'agent',
        caf: '751',
        provisional: true,
        cguAccepted: false,
        passwordChangedAt: '2026-01-02T10:00:00.000Z',
      },
    ],
    workers: [
      worker('1', 'MARTIN'),
      worker('2', 'Émile'),
      worker('3', 'ZOLA', { tauxActivite: undefined }),
      worker('4', 'abel'),
      worker('5', 'BERNARD', { esat: SIRET_B, caf: '931', conjoint: '7510001' }),
    ].map(({ tauxActivite, ...w }) => (tauxActivite === undefined ? w : { ...w, tauxActivite })),
    declarations: [
      certificat('d1', '1', 2025, { reference: 'CE-2025-000001', idempotencyKey: 'k1' }),
      certificat('d2', '2', 2025, { reference: 'CE-2025-000002' }),
      certificat('d3', '1', 2026, { reference: 'CE-2026-000007', etat: 'traitee' }),
      {
        id: 'd4',
        kind: 'reduction',
        workerId: '1',
        esat: SIRET_A,
        caf: '751',
        userEmail: 'declarant@esat-a.test',
        data: { dateEffet: '2026-03-01', tauxAvant: 80, tauxApres: 50 },
        submittedAt: '2026-02-20T08:00:00.000Z',
      },
    ],
    drafts: [
      {
        userEmail: 'declarant@esat-a.test',
        workerId: '2',
        teleprocedure: 'certificat',
        reponses: { doubleActivite: 'non' },
        saisie: { remunerationGarantie: '1 200,50' },
        updatedAt: '2026-12-03T08:00:00.000Z',
      },
    ],
    relances: [
      {
        id: 'r1',
        caf: '751',
        siret: SIRET_A,
        year: 2026,
        at: '2026-01-20T10:00:00.000Z',
        by: 'agent@caf-751.test',
        manquants: 2,
      },
    ],
    outbox: [
      {
        id: 'm1',
        to: 'declarant@esat-a.test',
        subject: 'Accusé de réception',
        text: 'Bonjour « Anne »,\nvotre déclaration…',
        createdAt: '2026-01-20T10:00:00.000Z',
        status: 'envoye',
        attempts: 1,
        nextAttempt: 0,
        sentAt: '2026-01-20T10:00:01.000Z',
      },
    ],
  };
}
