/**
 * Drives the portal machine, with the invented world of the fixtures, to the state a story
 * shows: the stories are snapshots of the real machines, never hand-made props.
 */
import {
  createActor,
  waitFor,
  type ActorRefFrom,
  type InspectionEvent,
  type Observer,
} from 'xstate';
import type { declarationMachine } from '../machines/declaration.machine.ts';
import type { Caf, Travailleur } from '../machines/types.ts';
import { fakePortal, travailleurs, type WorldOptions } from '../test/machines/fixtures.ts';

/** The default « today » of the stories: in the certificat campaign (1 December – end of February). */
export const AUJOURD_HUI = '2026-12-02';

/** The world's workers, by fixture id (`w3` is the radié file). */
export const travailleur = (id: string): Travailleur => {
  const t = travailleurs.find((w) => w.id === id);
  if (!t) throw new Error(`Pas de travailleur ${id} dans les fixtures`);
  return t;
};

export const cafParis: Caf = {
  code: '751',
  name: 'Caf de Paris',
  workerCount: travailleurs.length,
};
export const cafHautsDeSeine: Caf = { code: '921', name: 'Caf des Hauts-de-Seine', workerCount: 4 };

/** A certificat de rémunération garantie the validator accepts. */
export const saisieValide = {
  moisRemunerationGarantie: '12',
  remunerationGarantie: '1200',
  aideAuPoste: '700',
};

/** Values the validator refuses, one problem per field. */
export const saisieErronee = {
  moisRemunerationGarantie: '13',
  remunerationGarantie: '-5',
  aideAuPoste: 'sept cents',
};

export type PortalActor = ReturnType<typeof demarrer>;
export type DeclarationActor = ActorRefFrom<typeof declarationMachine>;

/** Waits long enough for the fake server, but fails a story clearly instead of hanging. */
const attendre = { timeout: 5000 };

/** Receives what every actor of a story does (the Stately inspector), or nobody. */
export type Inspection = Observer<InspectionEvent> | ((event: InspectionEvent) => void);
let inspection: Inspection | undefined;

/** The inspector the next stories' actors report to (set by the loader from the toolbar). */
export function inspecter(inspect: Inspection | undefined) {
  inspection = inspect;
}

function demarrer(world: WorldOptions) {
  // The portal's declaration children are in the same actor system: inspected with it.
  return createActor(fakePortal(world).machine, { inspect: inspection }).start();
}

/** The connexion screen (not logged in), optionally after a submitted password. */
export async function connexion(world: WorldOptions, password?: string) {
  const actor = demarrer({ ...world, loggedIn: false });
  await waitFor(actor, (s) => s.matches({ connexion: 'saisie' }), attendre);
  if (password !== undefined) {
    actor.send({
      type: 'connexion.soumettre',
      email: 'declarant@esat-des-tilleuls.test',
      password,
    });
    await waitFor(actor, (s) => s.matches({ connexion: 'saisie' }) && !!s.context.erreur, attendre);
  }
  return actor;
}

/** First login: the CGU to accept. */
export async function cgu(world: WorldOptions) {
  const actor = await connexion({ ...world, cguAccepted: false });
  actor.send({
    type: 'connexion.soumettre',
    email: 'declarant@esat-des-tilleuls.test',
    password: 'bon-mot-de-passe',
  });
  await waitFor(actor, (s) => s.matches({ cgu: 'lecture' }), attendre);
  return actor;
}

/** The accueil of a logged-in user who has accepted the CGU. */
export async function accueil(world: WorldOptions) {
  const actor = demarrer(world);
  await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }), attendre);
  return actor;
}

export interface Liste {
  /** Workers to tick, page by page: `[['w1'], ['w14']]` ticks w1 on page 1 then w14 on page 2. */
  pages?: string[][];
  /** A filter typed in the search field. */
  q?: string;
}

/** « Mes travailleurs », with a selection possibly made over several pages, and a filter. */
export async function mesTravailleurs(world: WorldOptions, { pages = [], q }: Liste = {}) {
  const actor = await accueil(world);
  actor.send({ type: 'accueil.travailleurs' });
  const liste = (page: number) =>
    waitFor(
      actor,
      (s) => s.matches({ espace: { travailleurs: 'liste' } }) && s.context.liste?.page === page,
      attendre,
    );
  await liste(1);
  for (const [i, ids] of pages.entries()) {
    if (i > 0) {
      actor.send({ type: 'travailleurs.page', page: i + 1 });
      await liste(i + 1);
    }
    for (const id of ids)
      actor.send({ type: 'travailleurs.basculer', travailleur: travailleur(id) });
  }
  if (q !== undefined) {
    actor.send({ type: 'travailleurs.filtrer', q });
    // The machine waits for a pause in typing (delay `filtrage`) before asking the server.
    await waitFor(
      actor,
      (s) => s.matches({ espace: { travailleurs: 'liste' } }) && s.context.q === q,
      attendre,
    );
  }
  return actor;
}

/** The choice of téléprocédure for the selected workers. */
export async function choix(world: WorldOptions, ids: string[]) {
  const actor = await mesTravailleurs(world, { pages: [ids] });
  actor.send({ type: 'travailleurs.declarer' });
  if (!actor.getSnapshot().matches({ espace: { travailleurs: 'choix' } }))
    throw new Error('Le choix de la téléprocédure ne s’est pas ouvert');
  return actor;
}

/** The fiche of the first selected worker, in a certificat run over `ids`. */
export async function fiche(world: WorldOptions, ids: string[]) {
  const actor = await choix(world, ids);
  if (!actor.getSnapshot().can({ type: 'choix.choisir', teleprocedure: 'certificat' })) {
    throw new Error(
      `Le certificat d’emploi ne se déclare que du 1er décembre à fin février : « today » (${world.today}) est hors campagne.`,
    );
  }
  actor.send({ type: 'choix.choisir', teleprocedure: 'certificat' });
  await waitFor(
    actor,
    (s) => s.matches({ espace: { run: { fiche: 'affichage' } } }) && s.context.fiche?.id === ids[0],
    attendre,
  );
  return actor;
}

/** The declaration child actor the portal invoked (id 'declaration'). */
export function declaration(actor: PortalActor): DeclarationActor {
  const child = actor.getSnapshot().children.declaration as DeclarationActor | undefined;
  if (!child) throw new Error('Aucune déclaration en cours');
  return child;
}

export type Etape =
  'saisie' | 'saisieErreurs' | 'saisieQuitter' | 'recapitulatif' | 'recapitulatifQuitter' | 'fin';

/** A certificat for the first of `ids`, taken to the given step of the declaration. */
export async function certificat(world: WorldOptions, ids: string[], etape: Etape) {
  const actor = await fiche(world, ids);
  actor.send({ type: 'fiche.declarer' });
  const child = declaration(actor);
  const saisir = (valeurs: Record<string, string>) => {
    for (const [name, value] of Object.entries(valeurs))
      child.send({ type: 'saisie.changer', name, value });
  };
  switch (etape) {
    case 'saisie':
      break;
    case 'saisieErreurs':
      saisir(saisieErronee);
      child.send({ type: 'saisie.valider' });
      break;
    case 'saisieQuitter':
      child.send({ type: 'saisie.quitter' });
      break;
    default:
      saisir(saisieValide);
      child.send({ type: 'saisie.valider' });
      if (etape === 'recapitulatifQuitter') child.send({ type: 'recapitulatif.quitter' });
      if (etape === 'fin') child.send({ type: 'recapitulatif.valider' });
  }
  const attendu = {
    saisie: { saisie: 'edition' },
    saisieErreurs: { saisie: 'edition' },
    saisieQuitter: { saisie: 'confirmationQuitter' },
    recapitulatif: { recapitulatif: 'lecture' },
    recapitulatifQuitter: { recapitulatif: 'confirmationQuitter' },
    fin: { fin: 'attente' },
  }[etape];
  await waitFor(child, (s) => s.matches(attendu), attendre);
  return actor;
}

/** « Voulez-vous quitter ? » from « Mes travailleurs » (one Caf: straight to the confirmation). */
export async function quitter(world: WorldOptions) {
  const actor = await mesTravailleurs(world);
  actor.send({ type: 'portail.quitter' });
  await waitFor(
    actor,
    (s) => s.matches({ espace: { travailleurs: 'confirmationQuitter' } }),
    attendre,
  );
  return actor;
}

/** Answers that lead to each changement de situation (R-CS), as the user gives them. */
export const chemins = {
  reduction: [
    ['doubleActivite', 'non'],
    ['situation.reduction', 'oui'],
  ],
  augmentation: [
    ['doubleActivite', 'non'],
    ['situation.augmentation', 'oui'],
  ],
  depart: [
    ['doubleActivite', 'non'],
    ['situation.depart', 'oui'],
  ],
  'double-debut': [
    ['doubleActivite', 'oui'],
    ['debutDouble', 'oui'],
  ],
  'double-modification': [
    ['doubleActivite', 'oui'],
    ['debutDouble', 'non'],
    ['finDouble', 'non'],
  ],
  'double-fin': [
    ['doubleActivite', 'oui'],
    ['debutDouble', 'non'],
    ['finDouble', 'oui'],
  ],
} as const satisfies Record<string, readonly (readonly [string, 'oui' | 'non'])[]>;

/** A changement de situation for w1 (in June by default): answers given, then values typed. */
export async function changement(
  world: WorldOptions,
  reponses: readonly (readonly [string, 'oui' | 'non'])[],
  options: {
    continuer?: boolean;
    valeurs?: Record<string, string>;
    etape?: 'saisie' | 'erreurs' | 'recapitulatif' | 'fin';
  } = {},
) {
  const actor = await choix(world, ['w1']);
  actor.send({ type: 'choix.choisir', teleprocedure: 'changement' });
  await waitFor(actor, (s) => s.matches({ espace: { run: { fiche: 'affichage' } } }), attendre);
  actor.send({ type: 'fiche.declarer' });
  const child = declaration(actor);
  for (const [i, [id, valeur]] of reponses.entries()) {
    child.send({ type: 'question.repondre', id, valeur });
    const derniere = i === reponses.length - 1;
    if (!id.startsWith('situation.') || derniere) {
      if (!derniere || options.continuer !== false) child.send({ type: 'question.continuer' });
    }
  }
  for (const [name, value] of Object.entries(options.valeurs ?? {})) {
    child.send({ type: 'saisie.changer', name, value });
  }
  if (options.etape && options.etape !== 'saisie') child.send({ type: 'saisie.valider' });
  if (options.etape === 'fin') child.send({ type: 'recapitulatif.valider' });
  if (options.etape === 'fin') await waitFor(child, (s) => s.matches('fin'), attendre);
  return actor;
}

/** R-CS-5: the certificat of w1 validated; w2, her partner in the same Esat, is proposed. */
export async function conjoint(world: WorldOptions) {
  const actor = await certificat(world, ['w1'], 'fin');
  declaration(actor).send({ type: 'fin.valider' });
  await waitFor(actor, (s) => s.matches({ espace: { run: 'proposerConjoint' } }), attendre);
  return actor;
}

/** R-AC-2: first login with a provisional password, optionally after a refused new one. */
export async function motDePasse(world: WorldOptions, refuse = false) {
  const actor = demarrer({ ...world, provisoire: true });
  await waitFor(actor, (s) => s.matches({ motDePasse: 'saisie' }), attendre);
  if (refuse) {
    actor.send({
      type: 'motDePasse.changer',
      currentPassword: 'Provisoire-2026!',
      newPassword: 'court',
    });
    await waitFor(
      actor,
      (s) => s.matches({ motDePasse: 'saisie' }) && !!s.context.erreur,
      attendre,
    );
  }
  return actor;
}

/** R-AC-3: « Mot de passe oublié ? », before or after sending the address. */
export async function oubli(world: WorldOptions, envoye = false) {
  const actor = await connexion(world);
  actor.send({ type: 'connexion.oubli' });
  if (envoye) {
    actor.send({ type: 'oubli.envoyer', email: 'quelquun@exemple.test' });
    await waitFor(actor, (s) => s.matches({ connexion: { oubli: 'envoye' } }), attendre);
  }
  return actor;
}

/** A Caf agent logged in, its space on the campaign (stories/drive-caf.ts goes further). */
export async function agent(world: WorldOptions) {
  const actor = demarrer({ ...world, agent: true });
  await waitFor(actor, (s) => s.matches({ agent: 'travail' }), attendre);
  return actor;
}
