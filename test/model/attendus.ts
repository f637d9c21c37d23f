/**
 * What the user sees in each leaf state of each machine: the screen's title (h1), the dialog
 * open (or none), the fields, the buttons, texts. One entry per leaf state (the coverage test
 * fails for a leaf without one); an entry reads the state's context (the Caf count, the kind of
 * declaration, the form's visible fields from forms/…). Checked in jsdom (verifier-dom.ts) and in
 * Chromium (test/e2e/parcours.test.ts) alike.
 */
import { questionPrecedente, questionsChangement } from '../../forms/changement.ts';
import { champsVisibles, formDefinition, kindLabels } from '../../forms/index.ts';
import { dureeRestante } from '../../machines/session.machine.ts';
import {
  brouillonRepris,
  certificatDejaDeclare,
  type PortalContext,
} from '../../machines/portal.machine.ts';
import {
  debut,
  echapper,
  PORTAIL,
  TRANSITOIRE,
  type Attendu,
  type Entree,
  type Texte,
} from './attendu.ts';
import { attendusImport } from './attendus-import.ts';
import type { Snapshot } from './generateur.ts';

export { debut, PORTAIL, TRANSITOIRE, type Attendu, type Entree, type Texte };

const quitter = (titreEcran: Texte): Attendu => ({
  titre: titreEcran,
  dialogue: 'Voulez-vous quitter ?',
  boutons: ['Annuler', 'Confirmer'],
  textes: ["Vous serez déconnecté de l'Espace Esat."],
});

const pc = (s: Snapshot) => s.context as PortalContext;

const suppression = (titreEcran: Texte): Attendu => ({
  titre: titreEcran,
  dialogue: 'Supprimer ce brouillon ?',
  boutons: ['Annuler', 'Supprimer le brouillon'],
  textes: [/sera effacé/],
});
const erreurs = (s: Snapshot): Texte[] => (pc(s).erreur ? [pc(s).erreur!.message] : []);

const connexion = (s: Snapshot): Attendu => ({
  titre: "Bienvenue sur l'Espace Esat",
  champs: ['Identifiant (adresse e-mail)', 'Mot de passe'],
  boutons: ['Valider', 'Mot de passe oublié ?'],
  textes: pc(s).erreur ? ['Connexion impossible', pc(s).erreur!.message] : [],
});

const oubli = (s: Snapshot): Attendu => ({
  titre: 'Mot de passe oublié',
  champs: ['Identifiant (adresse e-mail)'],
  boutons: ['Recevoir un mot de passe provisoire', 'Retour à la connexion'],
  textes: erreurs(s),
});

const cgu = (s: Snapshot): Attendu => ({
  titre: "Conditions générales d'utilisation",
  champs: [
    /j'accepte les conditions générales d'utilisation de « Mon Compte Partenaire »/,
    /j'accepte les conditions générales d'utilisation de « l'Espace Esat »/,
  ],
  boutons: ['Refuser', 'Valider'],
  textes: pc(s).erreur ? ["Les conditions générales n'ont pas pu être enregistrées"] : [],
});

const motDePasseImpose = (): Attendu => ({
  titre: 'Changez votre mot de passe',
  champs: [
    'Mot de passe actuel (provisoire)',
    'Nouveau mot de passe',
    'Confirmez le nouveau mot de passe',
  ],
  boutons: ['Quitter', 'Valider'],
});

const motDePasseChoisi = (): Attendu => ({
  titre: 'Changer mon mot de passe',
  champs: ['Mot de passe actuel', 'Nouveau mot de passe', 'Confirmez le nouveau mot de passe'],
  boutons: ['Annuler', 'Valider'],
});

/** The header's controls of a logged-in Esat user outside a run. */
const entete = (s: Snapshot): Texte[] =>
  s.can({ type: 'portail.quitter' } as never)
    ? ['Quitter', ...(s.can({ type: 'portail.motDePasse' } as never) ? ['Mon mot de passe'] : [])]
    : [];

const accueil = (s: Snapshot): Attendu => {
  const c = pc(s);
  return {
    titre: 'Espace Esat',
    champs: c.cafs.length > 1 ? [/choisissez la Caf concernée/] : [],
    boutons: [
      ...entete(s),
      'Mes travailleurs',
      ...(c.profil?.user.role === 'referent' ? ['Gérer les utilisateurs'] : []),
      ...(c.brouillons ?? []).map(
        (b) =>
          `Supprimer ce brouillon (${b.travailleur?.nom.toUpperCase()} ${b.travailleur?.prenom})`,
      ),
    ],
    textes: [...(c.succes ? [c.succes] : []), ...erreurs(s)],
  };
};

const identification = (s: Snapshot): Attendu => ({
  titre: 'Espace Esat',
  champs: [/^Identifiant de communication/],
  boutons: ['Valider'],
  textes: ["Votre établissement n'a pas été trouvé à partir de son SIRET", ...erreurs(s)],
});

const travailleurs = (s: Snapshot): Attendu => {
  const c = pc(s);
  return {
    titre: 'Mes travailleurs',
    champs: [
      'Rechercher (nom, prénom ou n° allocataire)',
      ...(c.cafs.length > 1 ? [/Caf concernée/] : []),
    ],
    boutons: [
      ...entete(s),
      "Retour à l'accueil",
      /^Déclarer/,
      ...(c.q ? ['Effacer le filtre'] : []),
    ],
    textes: erreurs(s),
  };
};

const fiche = (s: Snapshot): Attendu => {
  const { run, erreur } = pc(s);
  const dernier = !!run && run.index + 1 >= run.travailleurs.length;
  return {
    titre: 'Fiche travailleur',
    boutons: [
      ...entete(s),
      certificatDejaDeclare(pc(s))
        ? 'Déclarer un changement de situation'
        : /^(Commencer|Reprendre) la déclaration$/,
      // A way out on every worker of the run (issue 12).
      'Retour à Mes travailleurs',
      ...(dernier ? [] : ['Passer au travailleur suivant']),
      ...(brouillonRepris(pc(s)) ? ['Supprimer ce brouillon'] : []),
    ],
    textes: [
      ...(run && run.travailleurs.length > 1
        ? [`Travailleur ${run.index + 1} sur ${run.travailleurs.length}`]
        : []),
      ...(erreur ? [erreur.message] : []),
    ],
  };
};

const utilisateurs = (s: Snapshot): Attendu => ({
  titre: "Utilisateurs de l'établissement",
  boutons: [...entete(s), 'Créer un compte', "Retour à l'accueil"],
  textes: [...erreurs(s), ...(pc(s).succes ? [pc(s).succes!] : [])],
});

export const attendusPortail: Record<string, Entree> = {
  'portail.demarrage': () => ({ titre: null, chargement: 'Chargement…' }),
  'portail.aiguillage': TRANSITOIRE,
  'portail.connexion.saisie': connexion,
  'portail.connexion.envoi': connexion,
  'portail.connexion.oubli.saisie': oubli,
  'portail.connexion.oubli.envoi': oubli,
  'portail.connexion.oubli.envoye': () => ({
    titre: 'Mot de passe oublié',
    boutons: ['Retour à la connexion'],
    textes: ['Demande enregistrée'],
  }),
  'portail.cgu.lecture': cgu,
  'portail.cgu.envoi': cgu,
  'portail.espace.accueil.chargement': () => ({
    titre: null,
    chargement: 'Chargement de votre espace…',
  }),
  'portail.espace.accueil.echec': (s) => ({
    titre: null,
    textes: ["Votre espace n'a pas pu être chargé", ...erreurs(s)],
  }),
  'portail.espace.accueil.aiguillage': TRANSITOIRE,
  'portail.espace.accueil.confirmationQuitter': () => quitter('Espace Esat'),
  'portail.espace.accueil.identification.saisie': identification,
  'portail.espace.accueil.identification.envoi': identification,
  'portail.espace.accueil.identification.confirmationQuitter': () => quitter('Espace Esat'),
  'portail.espace.accueil.pret': accueil,
  'portail.espace.accueil.confirmationSuppression': () => suppression('Espace Esat'),
  'portail.espace.accueil.suppression': accueil,
  'portail.espace.travailleurs.selectionTous': travailleurs,
  'portail.espace.travailleurs.attenteFiltre': travailleurs,
  'portail.espace.travailleurs.chargement': (s) => ({
    ...travailleurs(s),
    textes: ['Recherche en cours…'],
  }),
  'portail.espace.travailleurs.liste': travailleurs,
  // R-IM: the import child's screen (its own states are checked by its own model,
  // attendus-import.ts); the portal's paths leave it at its first step.
  'portail.espace.import.actif': (s) => {
    const enfant = (s.children as Record<string, { getSnapshot(): Snapshot } | undefined>).import;
    const ecran = enfant ? attendusImport[feuille(enfant.getSnapshot())] : undefined;
    return typeof ecran === 'function'
      ? ecran(enfant!.getSnapshot())
      : { chargement: "Chargement de l'import…" };
  },
  // R-API-2: the tokens child's screen (its states are tested in test/machines/jetons.test.ts).
  'portail.espace.jetons': (s) => {
    const enfant = (s.children as Record<string, { getSnapshot(): Snapshot } | undefined>).jetons;
    return enfant?.getSnapshot().matches('chargement')
      ? { chargement: 'Chargement des accès…' }
      : { titre: 'Accès pour votre logiciel de paie' };
  },
  'portail.espace.import.confirmationQuitter': () => ({
    ...quitter(/.*/),
    titre: undefined,
    textes: [/L'import est conservé/],
  }),
  'portail.espace.travailleurs.confirmationQuitter': () => quitter('Mes travailleurs'),
  'portail.espace.travailleurs.choix': (s) => ({
    titre: 'Mes travailleurs',
    dialogue: 'Quelle déclaration souhaitez-vous faire ?',
    boutons: [
      ...(pc(s).calendrier?.certificatOpen ? ["Certificat d'emploi"] : []),
      /^Changement de situation/,
      'Annuler',
    ],
  }),
  'portail.espace.utilisateurs.chargement': () => ({
    titre: null,
    chargement: 'Chargement des utilisateurs…',
  }),
  'portail.espace.utilisateurs.liste': utilisateurs,
  'portail.espace.utilisateurs.creation.saisie': (s) => ({
    ...utilisateurs(s),
    boutons: ['Annuler', 'Créer le compte', "Retour à l'accueil"],
    champs: ['Adresse e-mail de la personne'],
    groupes: ['Rôle'],
  }),
  'portail.espace.utilisateurs.creation.envoi': (s) => ({
    ...utilisateurs(s),
    boutons: ['Annuler', 'Créer le compte'],
    champs: ['Adresse e-mail de la personne'],
  }),
  'portail.espace.utilisateurs.confirmationDesactivation': (s) => ({
    titre: "Utilisateurs de l'établissement",
    dialogue: 'Désactiver ce compte ?',
    boutons: ['Annuler', 'Désactiver'],
    textes: [`${pc(s).cible} ne pourra plus se connecter`],
  }),
  'portail.espace.utilisateurs.activation': utilisateurs,
  'portail.espace.motDePasse.saisie': motDePasseChoisi,
  'portail.espace.motDePasse.envoi': motDePasseChoisi,
  'portail.espace.run.fiche.chargement': () => ({
    titre: null,
    chargement: 'Chargement de la fiche…',
  }),
  'portail.espace.run.fiche.affichage': fiche,
  'portail.espace.run.fiche.confirmationQuitter': () => quitter('Fiche travailleur'),
  'portail.espace.run.fiche.confirmationSuppression': () => suppression('Fiche travailleur'),
  'portail.espace.run.fiche.suppression': fiche,
  'portail.espace.run.declaration.confirmationQuitter': () => ({
    dialogue: 'Voulez-vous quitter la déclaration ?',
    boutons: ['Annuler', 'Confirmer'],
    textes: [/conservé comme brouillon/],
  }),
  'portail.espace.run.declaration.active': (s) => {
    // The declaration's first screen (its own states are checked by its own model).
    const enfant = (s.children as Record<string, { getSnapshot(): Snapshot } | undefined>)
      .declaration;
    const premier = enfant ? attendusDeclaration[feuille(enfant.getSnapshot())] : undefined;
    return typeof premier === 'function'
      ? premier(enfant!.getSnapshot())
      : {
          titre:
            pc(s).run?.teleprocedure === 'certificat'
              ? debut("Certificat d'emploi")
              : debut('Changement de situation'),
        };
  },
  'portail.espace.run.proposerConjoint': () => ({
    titre: 'Fiche travailleur',
    dialogue: 'Déclarer aussi pour son conjoint ?',
    boutons: ['Non, continuer', /^Oui, déclarer pour /],
  }),
  'portail.motDePasse.saisie': motDePasseImpose,
  'portail.motDePasse.envoi': motDePasseImpose,
  // The Caf agent's space (agent.machine.ts has its own tests and stories): here the portal's
  // part — its header, the quit confirmation and « Mon mot de passe » over it. The agent's
  // calls are left pending on these paths, so its campaign is loading.
  'portail.agent.travail': (s) => ({
    titre: null,
    chargement: 'Chargement de la campagne…',
    boutons: [...entete(s), 'Suivi de la campagne', 'Déclarations reçues', 'Relances'],
    textes: pc(s).succes ? [pc(s).succes!] : [],
  }),
  'portail.agent.confirmationQuitter': () => ({ ...quitter('x'), titre: null }),
  'portail.agent.motDePasse.saisie': motDePasseChoisi,
  'portail.agent.motDePasse.envoi': motDePasseChoisi,
  'portail.deconnexion': () => ({ titre: null, chargement: 'Chargement…' }),
};

/** The one leaf a snapshot is in (our machines have no parallel states). */
export const feuille = (s: Snapshot): string =>
  s._nodes.filter((n: { type: string }) => n.type === 'atomic' || n.type === 'final').at(-1)!.id;

interface DeclCtx {
  teleprocedure: string;
  kind: keyof typeof kindLabels;
  kindChoisi: boolean;
  saisie: Record<string, string>;
  errors: { path: string; message: string }[];
  showErrors: boolean;
  erreurQuestion?: string;
  erreurEnvoi?: { message: string };
  avis: string;
  estDernier: boolean;
}
const dc = (s: Snapshot) => s.context as DeclCtx;
const titreDeclaration = (s: Snapshot) =>
  debut(dc(s).kindChoisi ? kindLabels[dc(s).kind] : 'Changement de situation');

const quitterDeclaration =
  (vers: string) =>
  (s: Snapshot): Attendu => ({
    titre: titreDeclaration(s),
    dialogue: 'Voulez-vous quitter la déclaration ?',
    boutons: ['Annuler', 'Confirmer'],
    textes: [new RegExp(`Vous retournerez à ${echapper(vers)}`)],
  });

/** One entry per question of forms/changement.ts: the question's state is built from it. */
const questions = Object.fromEntries(
  questionsChangement.flatMap((q) => [
    [
      `declaration.questions.${q.id}.active`,
      (s: Snapshot): Attendu => ({
        titre: titreDeclaration(s),
        groupes:
          q.type === 'ouiNon' ? [q.libelle] : [q.libelle, ...q.situations.map((x) => x.libelle)],
        boutons: ['Quitter', 'Continuer', ...(questionPrecedente(q.id) ? ['Précédent'] : [])],
        textes: dc(s).erreurQuestion ? [dc(s).erreurQuestion!] : [],
      }),
    ],
    [
      `declaration.questions.${q.id}.confirmationQuitter`,
      quitterDeclaration('la page « Mes travailleurs »'),
    ],
  ]),
) as Record<string, Entree>;

const recapitulatif = (s: Snapshot): Attendu => ({
  titre: titreDeclaration(s),
  boutons: ['Quitter', 'Valider'],
  textes: [
    'Vérifiez les informations saisies, puis validez votre déclaration.',
    ...(dc(s).erreurEnvoi
      ? ["La déclaration n'a pas été enregistrée", dc(s).erreurEnvoi!.message]
      : []),
  ],
});

const fin = (s: Snapshot): Attendu => ({
  titre: titreDeclaration(s),
  boutons: ['Quitter', dc(s).estDernier ? 'Valider' : 'Continuer'],
  textes: [
    'Votre déclaration a bien été enregistrée',
    ...(dc(s).avis === 'erreur' ? ["Votre avis n'a pas pu être envoyé. Réessayez."] : []),
  ],
});

export const attendusDeclaration: Record<string, Entree> = {
  'declaration.depart': TRANSITOIRE,
  ...questions,
  'declaration.saisie.edition': (s) => {
    const c = dc(s);
    const definition = formDefinition(c.kind);
    const montrees = c.showErrors ? c.errors : [];
    return {
      titre: titreDeclaration(s),
      // The fields the form shows for what is typed (« appears when »), by their forms/ label.
      champs: champsVisibles(definition, c.saisie).map((f) => debut(f.label)),
      boutons: [
        'Quitter',
        'Valider',
        ...(c.teleprocedure === 'changement' ? ['Modifier mes réponses'] : []),
      ],
      textes: montrees.length
        ? ['Le formulaire comporte des erreurs', ...montrees.map((e) => e.message)]
        : [],
    };
  },
  'declaration.saisie.confirmationQuitter': quitterDeclaration('la page « Mes travailleurs »'),
  'declaration.recapitulatif.lecture': recapitulatif,
  'declaration.recapitulatif.envoi': recapitulatif,
  'declaration.recapitulatif.confirmationQuitter': quitterDeclaration('la fiche du travailleur'),
  'declaration.fin.attente': fin,
  'declaration.fin.envoiAvis': fin,
  'declaration.fin.confirmationQuitter': (s) => ({
    titre: titreDeclaration(s),
    dialogue: 'Quitter sans déclarer les travailleurs suivants ?',
    boutons: ['Annuler', 'Confirmer'],
    textes: ['La déclaration de ce travailleur est bien enregistrée.', /restent sélectionnés/],
  }),
  'declaration.termine': PORTAIL,
};

const alerte = (s: Snapshot): Attendu => ({
  dialogue: 'Votre session va expirer',
  boutons: ['Quitter', 'Continuer'],
  textes: [dureeRestante((s.context as { restant: number }).restant)],
});

export const attendusSession: Record<string, Entree> = {
  'session.inactive': () => ({}),
  'session.active': () => ({}),
  'session.avertissement.decompte': alerte,
  'session.avertissement.renouvellement': alerte,
  'session.expiree': () => ({
    dialogue: 'Votre session a expiré',
    boutons: ['Quitter'],
    textes: [/vous avez été déconnecté après une période d'inactivité/],
  }),
};
