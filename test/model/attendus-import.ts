/**
 * What the user sees in each leaf state of machines/import.machine.ts (ui/screens/import/*):
 * one entry per leaf (the coverage test fails for a leaf without one), read from the state's
 * context — the import loaded, the row being fixed, how far the envoi went, the message said
 * once. Checked in jsdom (import.test.tsx), and inside the portal (attendus.ts).
 */
import { champsImport, colonneDe } from '../../forms/import.ts';
import { formDefinition } from '../../forms/index.ts';
import { certificatsN, ligneDe, type ImportContext } from '../../machines/import.machine.ts';
import { debut, PORTAIL, TRANSITOIRE, type Attendu, type Entree, type Texte } from './attendu.ts';
import type { Snapshot } from './generateur.ts';

const ic = (s: Snapshot) => s.context as ImportContext;
const TITRE = 'Importer un fichier de paie';

const messages = (s: Snapshot): Texte[] => [
  ...(ic(s).succes ? [ic(s).succes!] : []),
  ...(ic(s).erreur ? [ic(s).erreur!.message] : []),
];

const chargement = (): Attendu => ({ titre: TITRE, chargement: "Chargement de l'import…" });

// ─── Fichier ───
const fichier = (s: Snapshot, envoi = false): Attendu => ({
  titre: TITRE,
  champs: ['Fichier de paie (CSV ou Excel)'],
  boutons: ['Retour à Mes travailleurs'],
  ...(envoi ? { chargement: 'Lecture du fichier en cours…' } : {}),
  textes: [
    '1. Préparez votre fichier',
    ...(ic(s).erreur ? ["Le fichier n'a pas pu être importé", ic(s).erreur!.message] : []),
  ],
});

// ─── Colonnes ───
const colonnes = (s: Snapshot, enregistrement = false): Attendu => {
  const { vue } = ic(s);
  return {
    titre: TITRE,
    champs: champsImport.map((c) => colonneDe(c).entete),
    boutons: [
      "Quitter l'import",
      enregistrement ? 'Vérification des lignes…' : 'Confirmer les colonnes',
    ],
    textes: [
      `Fichier « ${vue!.fichier.nom} » : ${vue!.report.comptes.lignes} lignes`,
      ...messages(s),
    ],
  };
};

// ─── Rapport ───
/** The report's table and its buttons (the rows' buttons only where a row can change). */
const rapport = (s: Snapshot): Attendu => {
  const { vue } = ic(s);
  const { comptes } = vue!.report;
  const liste = s.matches({ rapport: 'liste' } as never);
  const lignes = liste
    ? vue!.report.lignes
        .filter((l) => l.statut !== 'envoye')
        .flatMap((l) =>
          l.statut === 'ignoree'
            ? [`Reprendre la ligne ${l.n}`]
            : [
                ...(l.statut === 'deja-declare' || l.statut === 'dossier-bloque'
                  ? []
                  : [`Corriger la ligne ${l.n}`]),
                `Ignorer la ligne ${l.n}`,
              ],
        )
    : [];
  return {
    titre: TITRE,
    boutons: [
      "Quitter l'import",
      `Continuer avec ${comptes.prets} ligne${comptes.prets > 1 ? 's' : ''} prête${comptes.prets > 1 ? 's' : ''}`,
      'Importer un autre fichier',
      ...(liste && vue!.status === 'verification' ? ['Modifier les colonnes'] : []),
      ...lignes,
    ],
    textes: [
      'Rapport de vérification',
      "Rien n'est encore envoyé à la Caf.",
      // The error summary names every row in error, with its column and message.
      ...vue!.report.lignes
        .filter((l) => l.statut === 'erreur')
        .flatMap((l) => [`Ligne ${l.n} :`, ...l.erreurs.map((e) => e.message)]),
      ...messages(s),
    ],
  };
};

/** The certificat's labels of the fields a row fix shows (the saisie's widgets). */
const libellesCertificat = formDefinition('certificat')
  .fields.filter((f) => (champsImport as readonly string[]).includes(f.name))
  .map((f) => debut(f.label));

const correction = (s: Snapshot, enregistrement = false): Attendu => {
  const ligne = ligneDe(ic(s), ic(s).ligne)!;
  return {
    titre: TITRE,
    champs: [debut(colonneDe('numeroAllocataire').entete), ...libellesCertificat],
    boutons: ['Annuler', enregistrement ? 'Vérification…' : 'Enregistrer la ligne'],
    textes: [
      `Corriger la ligne ${ligne.n}`,
      ...ligne.erreurs.map((e) => e.message),
      ...(ic(s).erreur ? [ic(s).erreur!.message] : []),
    ],
  };
};

const quitter =
  (titre: string, confirmer: string, perte: RegExp) =>
  (s: Snapshot): Attendu => ({
    titre: TITRE,
    dialogue: titre,
    boutons: ['Annuler', confirmer],
    textes: [
      ic(s).sortie === 'accueil' || ic(s).sortie === 'portail'
        ? "Vous retournerez à l'accueil."
        : ic(s).sortie === 'motDePasse'
          ? 'Vous irez au changement de votre mot de passe.'
          : 'Vous retournerez à la page « Mes travailleurs ».',
      perte,
    ],
  });

// ─── Envoi ───
const envoi = (s: Snapshot, libelle: string): Attendu => {
  const a = ic(s).avancement!;
  const pause = s.matches({ envoi: 'pause' } as never);
  return {
    titre: TITRE,
    boutons: pause ? ["Quitter l'import", "Reprendre l'envoi"] : ["Interrompre l'envoi"],
    textes: [
      libelle,
      `${a.envoyes} sur ${a.envoyes + a.restants} envoyé`,
      ...(ic(s).erreur
        ? ["Un lot n'a pas pu être envoyé", ic(s).erreur!.message]
        : pause
          ? ["Cet envoi n'est pas terminé"]
          : []),
    ],
  };
};

export const attendusImport: Record<string, Entree> = {
  'import.demarrage': TRANSITOIRE,
  'import.chargement': chargement,
  'import.echec': (s) => ({
    titre: TITRE,
    boutons: ['Réessayer', 'Importer un fichier'],
    textes: ["Cet import n'a pas pu être ouvert", ic(s).erreur!.message],
  }),
  'import.fichier.choix': (s) => fichier(s),
  'import.fichier.envoi': (s) => fichier(s, true),
  'import.correspondance.edition': (s) => colonnes(s),
  'import.correspondance.enregistrement': (s) => colonnes(s, true),
  'import.correspondance.confirmationQuitter': quitter(
    "Quitter l'import ?",
    'Quitter',
    /Les changements de colonnes que vous n'avez pas confirmés seront perdus/,
  ),
  'import.rapport.liste': rapport,
  'import.rapport.correction': (s) => correction(s),
  // Saving a fixed row keeps its form; leaving a row out (or taking it back) keeps the table.
  'import.rapport.enregistrement': (s) =>
    ic(s).modification?.valeurs ? correction(s, true) : rapport(s),
  'import.rapport.confirmationQuitter': quitter(
    "Quitter l'import ?",
    'Quitter',
    /Ce que vous avez saisi pour cette ligne n'est pas enregistré/,
  ),
  'import.rapport.confirmationAbandon': () => ({
    titre: TITRE,
    dialogue: 'Importer un autre fichier ?',
    boutons: ['Annuler', 'Abandonner cet import'],
    textes: [/Cet import et les corrections faites dans la page seront abandonnés/],
  }),
  'import.rapport.abandon': rapport,
  'import.recapitulatif': (s) => {
    const { comptes } = ic(s).vue!.report;
    return {
      titre: TITRE,
      boutons: ['Revenir au rapport', `Valider et envoyer ${certificatsN(comptes.prets)}`],
      textes: ['Récapitulatif avant envoi', "Certificats d'emploi à envoyer"],
    };
  },
  'import.envoi.lot': (s) => envoi(s, 'Envoi en cours : ne fermez pas cette page.'),
  'import.envoi.pause': (s) => envoi(s, 'Envoi interrompu'),
  'import.envoi.finalisation': (s) => envoi(s, 'Envoi terminé, préparation du résumé…'),
  'import.envoi.confirmationQuitter': quitter(
    "Interrompre l'envoi des certificats ?",
    "Interrompre l'envoi",
    /L'envoi s'arrête après le lot en cours/,
  ),
  'import.fin': (s) => {
    const envoyes = ic(s).vue?.report.comptes.envoyes ?? ic(s).avancement?.envoyes ?? 0;
    return {
      titre: TITRE,
      boutons: ['Retour à Mes travailleurs'],
      textes: [
        'Import terminé',
        `${certificatsN(envoyes)} d'emploi enregistré`,
        ...(ic(s).erreur ? [ic(s).erreur!.message] : []),
      ],
    };
  },
  // The import is over: what shows is the portal's next screen (its own table).
  'import.termine': PORTAIL,
};
