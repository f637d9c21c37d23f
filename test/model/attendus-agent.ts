/**
 * What the Caf agent sees in each leaf state of machines/agent.machine.ts (ui/screens/caf/*):
 * one entry per leaf (the coverage test fails for a leaf without one), read from the state's
 * context (what is loaded, the success or refusal said once, the selection, the export).
 */
import { kindLabels } from '../../forms/index.ts';
import type { AgentContext } from '../../machines/agent.machine.ts';
import { debut, TRANSITOIRE, type Attendu, type Entree, type Texte } from './attendus.ts';
import type { Snapshot } from './generateur.ts';

const ac = (s: Snapshot) => s.context as AgentContext;

/** The tabs of the agent's space, on every screen. */
const ONGLETS = ['Suivi de la campagne', 'Déclarations reçues', 'Relances', 'Avis des Esat'];

/** What just succeeded and the refusal of the server, said above the screen. */
const messages = (s: Snapshot): Texte[] => [
  ...(ac(s).succes ? [ac(s).succes!] : []),
  ...(ac(s).erreur ? [ac(s).erreur!.message] : []),
];

// The tabs are read as text: a role query per tab at every step would double the run time.
const ecran = (a: Attendu): Attendu => ({ ...a, textes: [...ONGLETS, ...(a.textes ?? [])] });

const chargement = (libelle: string) => (): Attendu => ecran({ titre: null, chargement: libelle });

const echec =
  (titre: string) =>
  (s: Snapshot): Attendu =>
    ecran({
      titre,
      boutons: ['Réessayer'],
      textes: ['Le chargement a échoué', ac(s).erreur!.message],
    });

// ─── Suivi de la campagne ───
const tableau = (s: Snapshot, pendant = false): Attendu => {
  const c = ac(s).campagne!;
  return ecran({
    titre: `Suivi de la campagne ${c.campaign.year}`,
    champs: ['Campagne', 'Rechercher un Esat (nom ou SIRET)'],
    // The first Esat of the table as a button (the others as text: fewer role queries).
    boutons: c.items.slice(0, 1).map((l) => l.name),
    textes: [
      ...c.items.map((l) => l.name),
      pendant ? 'Mise à jour…' : `${c.total} établissement${c.total > 1 ? 's' : ''}`,
      ...messages(s),
    ],
  });
};
const campagneEnCours = (s: Snapshot): Attendu =>
  ac(s).campagne ? tableau(s, true) : chargement('Chargement de la campagne…')();

// ─── Fiche Esat ───
const fiche = (s: Snapshot, dialogue = false): Attendu => {
  const f = ac(s).fiche!;
  const a: Attendu = {
    titre: debut(f.esat.name),
    boutons: [
      '← Retour au suivi de la campagne',
      ...f.users.map((u) => `${u.active ? 'Désactiver' : 'Réactiver'} ${u.email}`),
      'Créer le référent',
    ],
    textes: [`Fiche établissement — campagne ${f.year}`, ...messages(s)],
  };
  return dialogue ? a : ecran(a);
};
const creation = (s: Snapshot): Attendu => ({
  titre: debut(ac(s).fiche!.esat.name),
  dialogue: `Créer le référent de ${ac(s).fiche!.esat.name}`,
  champs: ['Adresse e-mail du référent'],
  boutons: ['Annuler', 'Créer le référent'],
  textes: ac(s).erreur ? [ac(s).erreur!.message] : [],
});

// ─── Déclarations reçues ───
const liste = (s: Snapshot): Attendu => {
  const { declarations, selection, export: fait } = ac(s);
  const n = declarations!.total;
  return ecran({
    titre: 'Déclarations reçues',
    champs: ['Déclaration', "SIRET de l'Esat", 'État'],
    boutons: [
      'Filtrer',
      'Exporter en CSV (tableur)',
      ...declarations!.items.map((d) => kindLabels[d.kind]),
      `Marquer la sélection comme traitée (${selection.length})`,
      ...(fait ? [`Marquer ces ${fait.nombre} déclarations comme traitées`] : []),
    ],
    textes: [
      'Exporter en XLSX (Excel)',
      'Exporter en JSON',
      `Le filtre actuel compte ${n} déclaration${n > 1 ? 's' : ''}.`,
      ...messages(s),
    ],
  });
};
/** A call under way from the list: the list stays, its buttons wait. */
const listeOccupee = (s: Snapshot): Attendu =>
  ecran({ titre: 'Déclarations reçues', textes: messages(s) });
const declarationsEnCours = (s: Snapshot): Attendu =>
  ac(s).declarations ? listeOccupee(s) : chargement('Chargement des déclarations…')();

const lecture = (s: Snapshot, boutons = true): Attendu => {
  const d = ac(s).declaration!;
  return ecran({
    titre: debut(kindLabels[d.kind]),
    boutons: [
      '← Retour aux déclarations reçues',
      ...(boutons ? [d.etat === 'a-traiter' ? 'Marquer comme traitée' : 'Remettre à traiter'] : []),
    ],
    textes: [d.reference ?? d.id, 'Télécharger le récapitulatif (PDF)', ...messages(s)],
  });
};
const motif = (s: Snapshot, erreur = true): Attendu => ({
  titre: debut(kindLabels[ac(s).declaration!.kind]),
  dialogue: 'Remettre cette déclaration à traiter ?',
  champs: ['Motif'],
  boutons: ['Annuler', 'Remettre à traiter'],
  textes: erreur && ac(s).erreur ? [ac(s).erreur!.message] : [],
});

// ─── Relances ───
const titreRelances = (s: Snapshot) => `Relances — campagne ${ac(s).enRetard!.campaign.year}`;
const choix = (s: Snapshot): Attendu => {
  const { enRetard, destinataires } = ac(s);
  const late = enRetard!.items.filter((l) => l.manquants > 0);
  const n = destinataires === 'retard' ? late.length : destinataires.length;
  return ecran({
    titre: titreRelances(s),
    champs: [
      `Toutes les Esat en retard (${late.length})`,
      ...late.map((l) => `Relancer ${l.name}`),
    ],
    boutons: [`Prévisualiser la relance (${n} Esat)`],
    textes: messages(s),
  });
};
const apercu = (s: Snapshot, boutons = true): Attendu => {
  const a = ac(s).apercu!;
  return ecran({
    ...choix(s),
    boutons: boutons
      ? ['Modifier la sélection', `Envoyer la relance à ${a.destinataires.length} Esat`]
      : [],
    textes: ['Aperçu de la relance', a.subject, ...messages(s)],
  });
};

export const attendusAgent: Record<string, Entree> = {
  'agent.campagne.attenteFiltre': campagneEnCours,
  'agent.campagne.chargement': campagneEnCours,
  'agent.campagne.echec': echec('Suivi de la campagne'),
  'agent.campagne.tableau': (s) => tableau(s),
  'agent.esat.chargement': chargement("Chargement de l'établissement…"),
  'agent.esat.echec': echec('Fiche établissement'),
  'agent.esat.fiche': (s) => fiche(s),
  'agent.esat.confirmationDesactivation': (s) => ({
    titre: debut(ac(s).fiche!.esat.name),
    dialogue: 'Désactiver ce compte ?',
    boutons: ['Annuler', 'Désactiver'],
    textes: [`${ac(s).cible} ne pourra plus se connecter`],
  }),
  'agent.esat.activation': (s) => fiche(s),
  'agent.esat.creation.saisie': creation,
  'agent.esat.creation.envoi': creation,
  'agent.declarations.chargement': declarationsEnCours,
  'agent.declarations.echec': echec('Déclarations reçues'),
  'agent.declarations.liste': liste,
  'agent.declarations.exportation': listeOccupee,
  'agent.declarations.traitementExport': listeOccupee,
  'agent.declarations.traitementSelection': listeOccupee,
  'agent.declarations.detail.chargement': chargement('Chargement de la déclaration…'),
  'agent.declarations.detail.echec': (s) =>
    ecran({
      titre: 'Déclaration',
      boutons: ['← Retour aux déclarations reçues'],
      textes: messages(s),
    }),
  'agent.declarations.detail.lecture': (s) => lecture(s),
  'agent.declarations.detail.motif': (s) => motif(s),
  'agent.declarations.detail.traitement': (s) => lecture(s, false),
  'agent.declarations.detail.retablissement': (s) => motif(s, false),
  'agent.declarations.detail.rechargement': (s) => lecture(s, false),
  'agent.relances.chargement': (s) =>
    ac(s).enRetard
      ? ecran({ titre: titreRelances(s), textes: messages(s) })
      : chargement('Chargement des Esat en retard…')(),
  'agent.relances.echec': echec('Relances'),
  'agent.relances.choix': choix,
  'agent.relances.apercu.chargement': (s) => ({
    ...choix(s),
    chargement: "Préparation de l'aperçu…",
  }),
  'agent.relances.apercu.lecture': (s) => apercu(s),
  'agent.relances.apercu.envoi': (s) => apercu(s, false),
  'agent.relances.apercu.confirmation': (s) => ({
    titre: titreRelances(s),
    dialogue: "Relancer encore aujourd'hui ?",
    boutons: ['Annuler', 'Envoyer quand même'],
    textes: [ac(s).erreur!.message, /l'envoyer une nouvelle fois/],
  }),
  'agent.relances.apercu.envoiConfirme': (s) => apercu(s, false),
  'agent.relances.envoyees': TRANSITOIRE,
  'agent.avis.chargement': chargement('Chargement des avis…'),
  'agent.avis.echec': echec('Avis des établissements'),
  'agent.avis.liste': () => ecran({ titre: 'Avis des établissements', textes: ['Très clair.'] }),
};
