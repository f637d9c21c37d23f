import type { Meta } from '@storybook/react-vite';
import { changement, chemins, declaration } from './drive.ts';
import { charger, metaPortail, type ArgsPortail, type Histoire } from './portail.tsx';

/** R-CS: every question, form, error and step of a changement de situation (any day of the year). */
export default {
  title: 'Changement de situation',
  ...metaPortail,
  args: { today: '2027-06-15' },
} satisfies Meta<ArgsPortail>;

const reduction = {
  dateEffet: '01/06/2027',
  tauxAvant: '80',
  tauxApres: '50',
  remunerationGarantie: '900',
  aideAuPoste: '400',
};

export const DoubleActivite: Histoire = {
  name: 'Question — double activité ?',
  loaders: charger((w) => changement(w, [])),
};

export const SansReponse: Histoire = {
  name: 'Question — sans réponse',
  loaders: charger((w) =>
    changement(w, []).then((actor) => {
      declaration(actor).send({ type: 'question.continuer' });
      return actor;
    }),
  ),
};

export const Situations: Histoire = {
  name: 'Question — situation (réduction, augmentation, départ)',
  loaders: charger((w) => changement(w, [['doubleActivite', 'non']])),
};

export const PlusieursSituations: Histoire = {
  name: 'Question — plusieurs situations cochées',
  loaders: charger((w) =>
    changement(w, [
      ['doubleActivite', 'non'],
      ['situation.reduction', 'oui'],
      ['situation.depart', 'oui'],
    ]),
  ),
};

export const DebutDouble: Histoire = {
  name: 'Question — début de double activité ?',
  loaders: charger((w) => changement(w, [['doubleActivite', 'oui']])),
};

export const FinDouble: Histoire = {
  name: 'Question — fin de double activité ?',
  loaders: charger((w) =>
    changement(w, [
      ['doubleActivite', 'oui'],
      ['debutDouble', 'non'],
    ]),
  ),
};

export const Reduction: Histoire = {
  name: 'Réduction — saisie (bloc de rémunération caché)',
  loaders: charger((w) =>
    changement(w, chemins.reduction, { valeurs: { dateEffet: '01/06/2027', tauxAvant: '80' } }),
  ),
};

export const ReductionIncoherente: Histoire = {
  name: 'Réduction — taux incohérent',
  loaders: charger((w) =>
    changement(w, chemins.reduction, {
      valeurs: { ...reduction, tauxApres: '90' },
      etape: 'erreurs',
    }),
  ),
};

export const Augmentation: Histoire = {
  name: 'Augmentation — saisie avec le bloc du mois',
  loaders: charger((w) =>
    changement(w, chemins.augmentation, {
      valeurs: { dateEffet: '01/06/2027', tauxAvant: '50', tauxApres: '80' },
    }),
  ),
};

export const Depart: Histoire = {
  name: 'Départ — congé parental avec date de retour',
  loaders: charger((w) =>
    changement(w, chemins.depart, {
      valeurs: {
        dateDepart: '30/06/2027',
        motif: 'conge-parental-temps-plein',
        dateRetourPrevue: '01/09/2028',
      },
    }),
  ),
};

export const DepartErreurs: Histoire = {
  name: 'Départ — erreurs (date après ce mois, retour avant départ)',
  loaders: charger((w) =>
    changement(w, chemins.depart, {
      valeurs: {
        dateDepart: '15/07/2027',
        motif: 'conge-presence-parentale',
        dateRetourPrevue: '01/07/2027',
      },
      etape: 'erreurs',
    }),
  ),
};

export const DoubleDebutSaisie: Histoire = {
  name: 'Double activité — début',
  loaders: charger((w) => changement(w, chemins['double-debut'])),
};

export const DoubleModification: Histoire = {
  name: 'Double activité — modification (taux Esat inchangé)',
  loaders: charger((w) =>
    changement(w, chemins['double-modification'], {
      valeurs: { dateEffet: '01/06/2027', tauxEsatAvant: '60', tauxEsatApres: '60' },
      etape: 'erreurs',
    }),
  ),
};

export const DoubleFin: Histoire = {
  name: 'Double activité — fin, motif obligatoire',
  loaders: charger((w) =>
    changement(w, chemins['double-fin'], {
      valeurs: {
        dateEffet: '10/06/2027',
        tauxEsatAvant: '40',
        tauxMilieuOrdinaireAvant: '60',
        tauxEsatApres: '0',
        tauxMilieuOrdinaireApres: '100',
      },
      etape: 'erreurs',
    }),
  ),
};

export const Recapitulatif: Histoire = {
  name: 'Réduction — récapitulatif',
  loaders: charger((w) =>
    changement(w, chemins.reduction, { valeurs: reduction, etape: 'recapitulatif' }),
  ),
};

export const Fin: Histoire = {
  name: 'Réduction — fin',
  loaders: charger((w) => changement(w, chemins.reduction, { valeurs: reduction, etape: 'fin' })),
};
