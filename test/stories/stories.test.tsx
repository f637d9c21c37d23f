// @vitest-environment jsdom
import '../ui/jsdom-shims.ts';
import { composeStories, setProjectAnnotations } from '@storybook/react-vite';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { filtrer, mondeCaf } from '../machines/fixtures-caf.ts';
import preview from '../../.storybook/preview.tsx';
import * as acces from '../../stories/Acces.stories.tsx';
import * as cafCampagne from '../../stories/CafCampagne.stories.tsx';
import * as cafDeclarations from '../../stories/CafDeclarations.stories.tsx';
import * as cafErreurs from '../../stories/CafErreurs.stories.tsx';
import * as cafEsat from '../../stories/CafEsat.stories.tsx';
import * as cafRelances from '../../stories/CafRelances.stories.tsx';
import * as accueil from '../../stories/Accueil.stories.tsx';
import * as cgu from '../../stories/Cgu.stories.tsx';
import * as changement from '../../stories/Changement.stories.tsx';
import * as choix from '../../stories/Choix.stories.tsx';
import * as compte from '../../stories/Compte.stories.tsx';
import * as connexion from '../../stories/Connexion.stories.tsx';
import * as erreursServeur from '../../stories/Erreurs.stories.tsx';
import * as session from '../../stories/Session.stories.tsx';
import * as fiche from '../../stories/Fiche.stories.tsx';
import * as fin from '../../stories/Fin.stories.tsx';
import * as importFichier from '../../stories/Import.stories.tsx';
import * as jetons from '../../stories/Jetons.stories.tsx';
import * as quitter from '../../stories/Quitter.stories.tsx';
import * as recapitulatif from '../../stories/Recapitulatif.stories.tsx';
import * as saisie from '../../stories/Saisie.stories.tsx';
import * as travailleurs from '../../stories/Travailleurs.stories.tsx';

beforeAll(() => {
  setProjectAnnotations(preview);
});
afterEach(cleanup);

const titre = (name: string | RegExp) => screen.getByRole('heading', { level: 1, name });
/** The choice is a dialog; the quit confirmations are alertdialogs (ConfirmDialog). */
const dialogue = (name: string, role: 'dialog' | 'alertdialog' = 'alertdialog') =>
  screen.getByRole(role, { name });
const bouton = (name: string | RegExp) => screen.getByRole('button', { name });

/** What must be on screen in each story: the screen's heading, the dialog's title, the message… */
const alerte = (text: string) =>
  expect(screen.getAllByRole('alert').some((a) => a.textContent?.includes(text))).toBe(true);
const groupe = (name: string | RegExp) => screen.getByRole('group', { name });

const attendus: Record<string, Record<string, () => void>> = {
  acces: {
    MotDePasseProvisoire: () => titre('Changez votre mot de passe'),
    MotDePasseRefuse: () => {
      titre('Changez votre mot de passe');
      alerte('Le mot de passe doit comporter au moins 12 caractères.');
      // The summary's entry leads to its field.
      expect(
        screen
          .getByRole('link', { name: 'Le mot de passe doit comporter au moins 12 caractères.' })
          .getAttribute('href'),
      ).toBe('#champ-newPassword');
    },
    Oubli: () => titre('Mot de passe oublié'),
    OubliEnvoye: () => screen.getByText('Demande enregistrée'),
  },
  cafCampagne: {
    Suivi: () => {
      titre('Suivi de la campagne 2026');
      screen.getByText(/il reste 7 jours/);
      // R-CA-1: the chart is an image with its title, and its figures are in a table too.
      screen.getByRole('img', { name: /Certificats reçus par jour de campagne/ });
      screen.getByRole('table', { name: /Certificats reçus en cumul/ });
      const tableau = screen.getByRole('table', { name: /par établissement/ });
      // Sorted by ascending share done: Belleville (0 %) first.
      expect(within(tableau).getAllByRole('row')[1].textContent).toContain('Belleville Services');
      expect(within(tableau).getByRole('columnheader', { name: /Part réalisée/ })).toHaveProperty(
        'ariaSort',
        'ascending',
      );
    },
    Filtre: () => {
      const tableau = screen.getByRole('table', { name: /par établissement/ });
      expect(within(tableau).getAllByRole('row')).toHaveLength(2);
      within(tableau).getByText('Les Ateliers de la Villette');
    },
    TriDecroissant: () => {
      const tableau = screen.getByRole('table', { name: /par établissement/ });
      expect(within(tableau).getByRole('columnheader', { name: /Part réalisée/ })).toHaveProperty(
        'ariaSort',
        'descending',
      );
      expect(within(tableau).getAllByRole('row')[1].textContent).toMatch(/100 %/);
    },
    AnneePrecedente: () => {
      titre('Suivi de la campagne 2025');
      screen.getByText(/la date limite est passée/);
    },
    Quitter: () => dialogue('Voulez-vous quitter ?'),
    MotDePasse: () => {
      titre('Changer mon mot de passe');
      bouton('Annuler');
    },
  },
  cafEsat: {
    Fiche: () => {
      titre(/Esat des Tilleuls/);
      screen.getByRole('cell', { name: 'referent@12345678900012.test' });
      bouton('Désactiver declarant@12345678900012.test');
      // R-CA-2: « déclaré le … » with its PDF, « manquant », or the R-WK status.
      expect(screen.getAllByText(/Déclaré le/)).toHaveLength(9);
      expect(screen.getAllByText('Manquant')).toHaveLength(3);
      screen.getByText('Le dossier de ce travailleur est radié.');
      expect(
        screen.getAllByRole('link', { name: /PDF du certificat/ })[0].getAttribute('href'),
      ).toMatch(/^\/api\/caf\/declarations\/dcl-\d+\/pdf$/);
      screen.getByText(/Changement de situation : départ/);
    },
    SansCompte: () => {
      screen.getByText("Cet établissement n'a encore aucun compte.");
      expect(screen.getAllByText('Manquant')).toHaveLength(6);
    },
    ConfirmationDesactivation: () => dialogue('Désactiver ce compte ?'),
    Desactive: () => {
      screen.getByText(/declarant@12345678900012.test est désactivé/);
      bouton('Réactiver declarant@12345678900012.test');
    },
    CreationReferent: () => {
      const d = dialogue('Créer le référent de Belleville Services', 'dialog');
      within(d).getByRole('textbox', { name: 'Adresse e-mail du référent' });
    },
    CreationReferentRefusee: () => alerte('Saisissez une adresse e-mail valide'),
    ReferentCree: () => {
      screen.getByText(/Le compte référent direction@belleville-services.test a été créé/);
      screen.getByRole('cell', { name: 'direction@belleville-services.test' });
      screen.getByText('Actif (mot de passe provisoire)');
    },
  },
  cafDeclarations: {
    Liste: () => {
      titre('Déclarations reçues');
      screen.getByText(`Le filtre actuel compte ${filtrer(mondeCaf(), {}).length} déclarations.`);
      bouton('Exporter en CSV (tableur)');
      bouton('Exporter en XLSX (Excel)');
      bouton('Exporter en JSON');
      screen.getByRole('navigation', { name: 'Pagination' });
    },
    Filtrees: () => {
      screen.getByText(/Le filtre actuel compte 8 déclarations/);
      expect(screen.getAllByText('Esat du Canal').length).toBe(8);
    },
    Selection: () => bouton('Marquer la sélection comme traitée (2)'),
    Exportees: () => {
      const n = filtrer(mondeCaf(), { etat: 'a-traiter' }).length;
      screen.getByText(`Export CSV téléchargé : ${n} déclarations.`);
      bouton(`Marquer ces ${n} déclarations comme traitées`);
    },
    Traitees: () => {
      screen.getByText(
        `${filtrer(mondeCaf(), { etat: 'a-traiter' }).length} déclarations marquées comme traitées.`,
      );
      screen.getByText(/Le filtre actuel compte 0 déclaration\./);
    },
    Detail: () => {
      titre(/Certificat d'emploi/);
      // Every value as the récapitulatif shows it, without the pencil of the saisie.
      screen.getByText("Nombre de mois de perception de la rémunération garantie sur l'année");
      expect(screen.queryByRole('button', { name: 'Modifier la saisie' })).toBeNull();
      screen.getByRole('link', { name: 'Télécharger le récapitulatif (PDF)' });
      bouton('Marquer comme traitée');
    },
    DetailTraitee: () => {
      screen.getByText('La déclaration est marquée comme traitée.');
      screen.getByText(/Traitée le .* par agent@caf-paris.test/);
      bouton('Remettre à traiter');
    },
    Motif: () => {
      const d = dialogue('Remettre cette déclaration à traiter ?', 'dialog');
      within(d).getByRole('textbox', { name: 'Motif' });
    },
    MotifManquant: () => alerte('Indiquez le motif du retour à « à traiter ».'),
  },
  cafRelances: {
    Choix: () => {
      titre('Relances — campagne 2026');
      screen.getByRole('checkbox', { name: 'Toutes les Esat en retard (4)' });
      screen.getByRole('checkbox', { name: 'Relancer Les Ateliers de la Villette' });
    },
    Apercu: () => {
      screen.getByText(/Campagne 2026 des certificats d'emploi/);
      bouton('Envoyer la relance à 4 Esat');
    },
    Envoyees: () => screen.getByText('La relance a été envoyée à 1 Esat.'),
    DejaRelancee: () => {
      dialogue("Relancer encore aujourd'hui ?");
      screen.getByText(/Les Ateliers de la Villette a déjà reçu une relance aujourd'hui/);
    },
    Avis: () => {
      titre('Avis des établissements');
      screen.getByRole('cell', { name: 'Très clair.' });
    },
  },
  cafErreurs: {
    CampagneEchec: () => {
      titre('Suivi de la campagne');
      alerte('Le service ne répond pas');
      bouton('Réessayer');
    },
    EsatEchec: () => {
      titre('Fiche établissement');
      alerte('Une erreur est survenue');
    },
    ActivationRefusee: () => alerte('Cette action est réservée aux agents'),
    DeclarationsEchec: () => {
      titre('Déclarations reçues');
      alerte('Le service ne répond pas');
    },
    DeclarationEchec: () => {
      titre('Déclaration');
      alerte('Une erreur est survenue');
    },
    ExportRefuse: () => alerte('Une erreur est survenue'),
    TraitementRefuse: () => alerte('Cette action est réservée aux agents'),
    RelancesEchec: () => {
      titre('Relances');
      alerte('Le service ne répond pas');
    },
    EnvoiRefuse: () => {
      alerte('Une erreur est survenue');
      bouton('Envoyer la relance à 4 Esat');
    },
    AvisEchec: () => {
      titre('Avis des établissements');
      alerte('Le service ne répond pas');
    },
  },
  changement: {
    DoubleActivite: () => groupe('Votre déclaration est-elle liée à une double activité ?'),
    SansReponse: () => alerte('Répondez à la question pour continuer.'),
    Situations: () => {
      groupe('A réduit son activité ?');
      groupe('A quitté votre établissement ?');
    },
    PlusieursSituations: () => alerte('Une seule situation peut être déclarée'),
    DebutDouble: () => groupe("S'agit-il d'un début de double activité ?"),
    FinDouble: () => groupe("S'agit-il d'une fin de double activité ?"),
    Reduction: () => {
      titre(/réduction d'activité/);
      expect(screen.queryByText('Rémunération du mois du changement')).toBeNull();
    },
    ReductionIncoherente: () => alerte("Le taux renseigné n'est pas cohérent."),
    Augmentation: () => {
      screen.getByText('Rémunération du mois du changement');
      screen.getByText(/18,26 %/);
    },
    Depart: () => screen.getByLabelText(/Date de retour prévue/),
    DepartErreurs: () => {
      alerte('La date de départ doit être comprise');
      alerte('La date de retour prévue doit être postérieure à la date de départ.');
    },
    DoubleDebutSaisie: () => screen.getByLabelText(/en milieu ordinaire/),
    DoubleModification: () => {
      alerte("Le nouveau taux d'activité en Esat doit être différent du taux précédent.");
      expect(screen.queryByLabelText(/en milieu ordinaire avant/)).toBeNull();
    },
    DoubleFin: () => alerte("Choisissez le motif du départ de l'Esat."),
    Recapitulatif: () =>
      screen.getByText('Vérifiez les informations saisies, puis validez votre déclaration.'),
    Fin: () => screen.getByText('Votre déclaration a bien été enregistrée'),
  },
  connexion: {
    Connexion: () => {
      titre("Bienvenue sur l'Espace Esat");
      expect(screen.queryByRole('alert')).toBeNull();
      // R-AC-6: access reserved to authorised persons (loi Godfrain).
      screen.getByText(/réservé aux personnes habilitées.*loi « Godfrain »/s);
    },
    IdentifiantsRefuses: () => {
      expect(screen.getByRole('alert')).toHaveProperty(
        'textContent',
        expect.stringContaining('Identifiant ou mot de passe incorrect.'),
      );
    },
  },
  cgu: {
    Cgu: () => {
      titre("Conditions générales d'utilisation");
      expect(bouton('Valider')).toHaveProperty('disabled', true);
      // R-AC-6: the legal value of the declaration, the sworn statement, the loi 78-17 rights.
      screen.getByText(/même valeur juridique/);
      screen.getByText(/L\.114-13 et L\.835-5/);
      screen.getByText(/loi n° 78-17/);
    },
  },
  accueil: {
    // R-CA-8 / R-CA-6 (issue 12).
    CampagneEtRelance: () => {
      screen.getByText(/3 certificats déclarés sur 29/);
      screen.getByText(/il reste 26 travailleurs, date limite le 15 janvier/);
      screen.getByText(
        /La Caf vous a adressé une relance le 01\/12\/2026 : 26 certificats manquants/,
      );
    },
    Brouillons: () => {
      bouton(/^Supprimer ce brouillon \(MARTIN Anne/);
    },
    SupprimerBrouillon: () => {
      const d = dialogue('Supprimer ce brouillon ?');
      within(d).getByText(/MARTIN Anne sera effacé/);
      within(d).getByRole('button', { name: 'Supprimer le brouillon' });
    },
    UneCaf: () => {
      titre('Espace Esat');
      screen.getByText(/travailleurs connus par la Caf de Paris/);
      expect(screen.queryByRole('combobox')).toBeNull();
    },
    DeuxCaf: () => {
      screen.getByRole('combobox', { name: /choisissez la Caf concernée/ });
      screen.getByRole('option', { name: 'Caf des Hauts-de-Seine' });
    },
    AucunTravailleur: () => {
      screen.getByText('Aucun travailleur');
      expect(bouton('Mes travailleurs')).toHaveProperty('disabled', true);
    },
    IdentifiantDemande: () => {
      screen.getByRole('textbox', { name: /Identifiant de communication \(sur 11 caractères\)/ });
      // Nothing of this Caf's workers before the identifiant.
      expect(screen.queryByRole('button', { name: 'Mes travailleurs' })).toBeNull();
    },
    IdentifiantMalForme: () => {
      alerte('au plus 11 chiffres ou lettres');
      expect(
        screen
          .getByRole('textbox', { name: /Identifiant de communication/ })
          .getAttribute('aria-invalid'),
      ).toBe('true');
    },
    IdentifiantInconnu: () => {
      screen.getByText('Accès impossible');
      screen.getAllByText(/contactez votre Caf/);
    },
  },
  compte: {
    AccueilReferent: () => bouton('Gérer les utilisateurs'),
    Utilisateurs: () => {
      titre("Utilisateurs de l'établissement");
      screen.getByRole('cell', { name: 'ancien@esat-des-tilleuls.test' });
      bouton('Réactiver ancien@esat-des-tilleuls.test');
      bouton('Désactiver declarant@esat-des-tilleuls.test');
      screen.getByText('Vous');
    },
    CreationCompte: () => {
      screen.getByRole('textbox', { name: 'Adresse e-mail de la personne' });
      screen.getByRole('radio', { name: /Référent/ });
    },
    CreationRefusee: () => alerte('Saisissez une adresse e-mail valide'),
    CompteCree: () => {
      screen.getByText(/lea.roux@esat-des-tilleuls.test a été créé/);
      screen.getByRole('cell', { name: 'lea.roux@esat-des-tilleuls.test' });
    },
    ConfirmationDesactivation: () => dialogue('Désactiver ce compte ?'),
    MonMotDePasse: () => {
      titre('Changer mon mot de passe');
      bouton('Annuler');
    },
    MonMotDePasseRefuse: () => alerte('Le mot de passe doit comporter au moins 12 caractères.'),
    BrouillonsAccueil: () => {
      screen.getByText('Des déclarations ne sont pas terminées');
      screen.getByText(/MARTIN Anne/);
    },
    BrouillonFiche: () => bouton('Reprendre la déclaration'),
  },
  erreursServeur: {
    AccueilEchec: () => {
      screen.getByText("Votre espace n'a pas pu être chargé");
      alerte('Le service ne répond pas');
    },
    CguEchec: () => alerte('Une erreur est survenue'),
    TravailleursEchec: () => {
      titre('Mes travailleurs');
      alerte('Le service ne répond pas');
    },
    FicheEchec: () => {
      titre('Fiche travailleur');
      alerte('Une erreur est survenue');
    },
    EnvoiDejaDeclare: () => {
      bouton('Valider');
      alerte("Un certificat d'emploi a déjà été enregistré pour ce travailleur le 02/12/2026.");
    },
    EnvoiReseau: () => {
      screen.getByText('Vérifiez les informations saisies, puis validez votre déclaration.');
      alerte('Le service ne répond pas');
    },
    EnvoiRefuseParLesRegles: () =>
      alerte("L'aide au poste ne peut pas dépasser la rémunération garantie."),
    AvisEchec: () => alerte("Votre avis n'a pas pu être envoyé. Réessayez."),
  },
  session: {
    Avertissement: () => {
      dialogue('Votre session va expirer');
      screen.getByText('5 minutes');
      bouton('Continuer');
    },
    Expiree: () => {
      dialogue('Votre session a expiré');
      bouton('Quitter');
    },
  },
  travailleurs: {
    MesTravailleurs: () => {
      titre('Mes travailleurs');
      screen.getByText('30 travailleurs · 0 sélectionné');
    },
    SelectionSurDeuxPages: () => {
      screen.getByText('30 travailleurs · 3 sélectionnés');
      bouton('Déclarer (3)');
    },
    AucunResultat: () => {
      screen.getByText('Aucun travailleur ne correspond à votre recherche');
    },
    SansCertificat: () => {
      expect(
        screen.getByRole('checkbox', { name: /sans certificat pour cette campagne/ }),
      ).toHaveProperty('checked', true);
      screen.getByText('27 travailleurs trouvés sans certificat · 0 sélectionné');
    },
    ToutSelectionne: () => {
      screen.getByText('30 travailleurs · 29 sélectionnés');
      bouton('Tout désélectionner');
      screen.getByText('Voir la sélection (29 travailleurs)');
      screen.getByText(/Certificat déclaré le 01\/12/);
      screen.getByText('Traité par la Caf');
    },
  },
  choix: {
    Decembre: () => {
      const d = dialogue('Quelle déclaration souhaitez-vous faire ?', 'dialog');
      expect(within(d).getByRole('button', { name: "Certificat d'emploi" })).toHaveProperty(
        'disabled',
        false,
      );
      within(d).getByRole('button', { name: 'Changement de situation' });
    },
    Juin: () => {
      const d = dialogue('Quelle déclaration souhaitez-vous faire ?', 'dialog');
      expect(within(d).queryByRole('button', { name: "Certificat d'emploi" })).toBeNull();
      within(d).getByRole('button', { name: 'Changement de situation' });
    },
  },
  quitter: {
    Confirmation: () => {
      dialogue('Voulez-vous quitter ?');
    },
  },
  fiche: {
    Fiche: () => {
      titre('Fiche travailleur');
      screen.getByText('Travailleur 1 sur 3');
      expect(bouton('Commencer la déclaration')).toHaveProperty('disabled', false);
    },
    DossierRadie: () => {
      screen.getByText('Déclaration impossible');
      expect(bouton('Commencer la déclaration')).toHaveProperty('disabled', true);
    },
    CertificatDejaDeclare: () => {
      screen.getByText("Certificat d'emploi de cette campagne déjà déclaré");
      screen.getByText(/pour corriger celui-ci, contactez votre Caf/);
      screen.getByRole('link', { name: 'Télécharger le récapitulatif (PDF)' });
      expect(screen.queryByRole('button', { name: 'Commencer la déclaration' })).toBeNull();
      bouton('Passer au travailleur suivant');
      bouton('Déclarer un changement de situation');
    },
    QuitterDepuisLaFiche: () => {
      dialogue('Voulez-vous quitter ?');
    },
    SupprimerBrouillon: () => {
      dialogue('Supprimer ce brouillon ?');
    },
    QuitterLaSaisie: () => {
      const d = dialogue('Voulez-vous quitter la déclaration ?');
      within(d).getByText(/Vous retournerez à la page « Mes travailleurs »/);
      within(d).getByText(/conservé comme brouillon/);
      within(d).getByText(/travailleur suivant reste sélectionné/);
    },
  },
  saisie: {
    Vide: () => {
      titre(/Certificat d'emploi/);
      expect(screen.queryByText('Le formulaire comporte des erreurs')).toBeNull();
    },
    Erreurs: () => {
      screen.getByRole('heading', { name: 'Le formulaire comporte des erreurs' });
      // Each message twice: in the summary and next to its field.
      expect(screen.getAllByText('Le montant ne peut pas être négatif.')).toHaveLength(2);
    },
    ConfirmationQuitter: () => {
      dialogue('Voulez-vous quitter la déclaration ?');
      screen.getByText(/Vous retournerez à la page « Mes travailleurs »/);
    },
  },
  recapitulatif: {
    Recapitulatif: () => {
      screen.getByText('Vérifiez les informations saisies, puis validez votre déclaration.');
      bouton('Valider');
    },
    ConfirmationQuitter: () => {
      dialogue('Voulez-vous quitter la déclaration ?');
      screen.getByText(/Vous retournerez à la fiche du travailleur/);
    },
  },
  importFichier: {
    Fichier: () => {
      titre('Importer un fichier de paie');
      // R-IM-1: a real file input with its visible label, and both templates.
      expect(screen.getByLabelText('Fichier de paie (CSV ou Excel)')).toHaveProperty(
        'type',
        'file',
      );
      screen.getByRole('link', { name: 'Télécharger le modèle Excel (.xlsx)' });
      screen.getByRole('link', { name: 'Télécharger le modèle CSV' });
    },
    FichierRefuse: () => {
      alerte("Aucune ligne d'en-tête n'a été trouvée");
      expect(
        screen.getByLabelText('Fichier de paie (CSV ou Excel)').getAttribute('aria-invalid'),
      ).toBe('true');
    },
    Correspondance: () => {
      screen.getByText(/8 colonnes sur 8 reconnues/);
      expect(screen.getByLabelText('Aide au poste')).toHaveProperty('value', '6');
      bouton('Confirmer les colonnes');
    },
    CorrespondanceIncomplete: () => {
      alerte('Choisissez la colonne du n° allocataire');
      expect(screen.getByLabelText(/N° allocataire/).getAttribute('aria-invalid')).toBe('true');
    },
    Rapport: () => {
      screen.getByRole('heading', { name: 'Rapport de vérification' });
      // The error summary links to each row of the table.
      const lien = screen.getByRole('link', { name: /^Ligne 5 : colonne « Aide au poste »/ });
      expect(lien.getAttribute('href')).toBe('#champ-ligne-5');
      const table = screen.getByRole('table', { name: /Lignes du fichier/ });
      within(table).getByRole('rowheader', { name: '5' });
      within(table).getAllByText(/a déjà été enregistré pour ce travailleur le/);
      bouton('Corriger la ligne 5');
      bouton(/Continuer avec 13 lignes prêtes/);
    },
    Correction: () => {
      screen.getByRole('heading', { name: 'Corriger la ligne 5' });
      // The saisie's widgets, the message beside its field.
      expect(screen.getByLabelText(/Montant net de l'aide au poste/)).toHaveProperty(
        'value',
        '1 500,00',
      );
      screen.getByRole('heading', { name: 'Le formulaire comporte des erreurs' });
    },
    LigneCorrigee: () => {
      screen.getByText('La ligne 5 a été enregistrée : elle est prête à envoyer.');
      bouton(/Continuer avec 14 lignes prêtes/);
    },
    QuitterCorrection: () => {
      const d = dialogue("Quitter l'import ?");
      within(d).getByText(/n'est pas enregistré et sera perdu/);
    },
    AutreFichier: () => {
      dialogue('Importer un autre fichier ?');
    },
    Recapitulatif: () => {
      screen.getByRole('heading', { name: 'Récapitulatif avant envoi' });
      bouton('Valider et envoyer 26 certificats');
    },
    EnvoiEnCours: () => {
      const barre = screen.getByRole('progressbar');
      expect(barre.getAttribute('aria-valuenow')).toBe('25');
      expect(barre.getAttribute('aria-valuemax')).toBe('26');
    },
    EnvoiInterrompu: () => {
      alerte('Le service ne répond pas.');
      bouton("Reprendre l'envoi");
    },
    QuitterEnvoi: () => {
      dialogue("Interrompre l'envoi des certificats ?");
    },
    Fin: () => {
      screen.getByText('Import terminé');
      screen.getByRole('link', { name: "Télécharger le résumé de l'import (PDF)" });
      bouton('Retour à Mes travailleurs');
    },
    Reprise: () => {
      titre('Espace Esat');
      bouton(/^Reprendre l'import du /);
    },
    EnvoiRepris: () => {
      screen.getByText("Cet envoi n'est pas terminé");
      expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('10');
    },
  },
  fin: {
    PasLeDernier: () => {
      screen.getByText('Votre déclaration a bien été enregistrée');
      bouton('Continuer');
      expect(screen.queryByRole('button', { name: 'Valider' })).toBeNull();
    },
    Dernier: () => {
      screen.getByText('Votre déclaration a bien été enregistrée');
      bouton('Valider');
      expect(screen.queryByRole('button', { name: 'Continuer' })).toBeNull();
    },
    ProposerConjoint: () => {
      dialogue('Déclarer aussi pour son conjoint ?');
      bouton(/Oui, déclarer pour/);
    },
  },
};

// R-API-2: the référent's API tokens.
attendus.jetons = {
  Liste: () => {
    titre('Accès pour votre logiciel de paie');
    screen.getByRole('heading', { level: 3, name: 'Paie Sage' });
    bouton('Révoquer le jeton Paie Sage');
  },
  CreationRefusee: () => {
    alerte('Le formulaire comporte des erreurs');
    expect(screen.getByLabelText('Nom du jeton').getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByLabelText("Date d'expiration") as HTMLInputElement).value).toBe(
      '02/12/2027',
    );
  },
  Secret: () => {
    screen.getByText('Copiez ce jeton maintenant : il ne sera plus jamais affiché.');
    expect((screen.getByLabelText("Jeton d'accès") as HTMLTextAreaElement).value).toBe(
      'esat_secret-shown-once',
    );
    bouton('Copier le jeton');
  },
  Revocation: () => dialogue('Révoquer ce jeton ?'),
};

const fichiers = {
  connexion: composeStories(connexion),
  cgu: composeStories(cgu),
  accueil: composeStories(accueil),
  travailleurs: composeStories(travailleurs),
  choix: composeStories(choix),
  quitter: composeStories(quitter),
  changement: composeStories(changement),
  acces: composeStories(acces),
  cafCampagne: composeStories(cafCampagne),
  cafEsat: composeStories(cafEsat),
  cafDeclarations: composeStories(cafDeclarations),
  cafRelances: composeStories(cafRelances),
  cafErreurs: composeStories(cafErreurs),
  fiche: composeStories(fiche),
  saisie: composeStories(saisie),
  recapitulatif: composeStories(recapitulatif),
  fin: composeStories(fin),
  importFichier: composeStories(importFichier),
  compte: composeStories(compte),
  erreursServeur: composeStories(erreursServeur),
  session: composeStories(session),
  jetons: composeStories(jetons),
};

describe.each(Object.entries(fichiers))('stories/%s', (fichier, composees) => {
  const stories = Object.entries(composees);

  it('every story has its expectation below', () => {
    expect(stories.map(([key]) => key).sort()).toEqual(Object.keys(attendus[fichier]).sort());
  });

  it.each(stories)('%s', async (key, Story) => {
    await Story.load();
    render(<Story />);
    // The machine is already in its state: the screen is drawn on the first render.
    attendus[fichier][key]();
  });
});
