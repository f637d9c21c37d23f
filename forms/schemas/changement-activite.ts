/**
 * R-CS-1: the augmentation and the réduction d'activité are one declaration that differ in the
 * sense of the new rate (« tauxApres » above or below « tauxAvant »): one definition, two kinds.
 */

/** The schema of an augmentation (`>`) or a réduction (`<`) d'activité en Esat. */
function changementActivite(nom: 'augmentation' | 'reduction') {
  const { title, libelle, op } = sens[nom];
  return {
    $id: `${nom}.schema.json`,
    title,
    description: `${libelle} d'activité en Esat (SPEC R-CS-1).`,
    type: 'object',
    properties: {
      dateEffet: {
        description: "Date d'effet du changement",
        $ref: 'defs.schema.json#/$defs/date',
      },
      tauxAvant: {
        description: "Taux d'activité avant le changement (% d'un temps plein)",
        $ref: 'defs.schema.json#/$defs/taux',
      },
      tauxApres: {
        description: "Taux d'activité après le changement (% d'un temps plein)",
        $ref: 'defs.schema.json#/$defs/taux',
      },
      remunerationGarantie: {
        description: 'Montant net de la rémunération garantie du mois du changement',
      },
      aideAuPoste: {
        description: "Montant net de l'aide au poste du mois du changement",
      },
      salaireDirectPct: {
        description: 'Salaire direct en pourcentage du Smic',
      },
    },
    required: ['dateEffet', 'tauxAvant', 'tauxApres'],
    allOf: [
      { $ref: 'defs.schema.json#/$defs/remunerationMois' },
      {
        comparer: { champ: 'tauxApres', op, reference: 'tauxAvant' },
        errorMessage: { comparer: "Le taux renseigné n'est pas cohérent." },
        type: 'object',
      },
    ],
    unevaluatedProperties: false,
    errorMessage: {
      required: {
        dateEffet: "Indiquez la date d'effet du changement.",
        tauxAvant: "Indiquez le taux d'activité avant le changement.",
        tauxApres: "Indiquez le taux d'activité après le changement.",
      },
      unevaluatedProperties: "Ce champ n'est pas prévu pour cette déclaration.",
    },
    'x-ui': {
      titre: `${libelle} d'activité`,
      order: [
        'dateEffet',
        'tauxAvant',
        'tauxApres',
        'remunerationGarantie',
        'aideAuPoste',
        'salaireDirectPct',
      ],
      notices: [],
      groupes: [
        {
          titre: 'Rémunération du mois du changement',
          champs: ['remunerationGarantie', 'aideAuPoste', 'salaireDirectPct'],
          visibleSi: { champ: 'tauxApres', rempli: true },
          notices: [
            'En cas de mois incomplet, indiquez le montant dû pour un mois complet (déduction faite des cotisations sociales à évaluer par défaut à 18,26 %).',
            'Ne pas déduire la part imposable de la mutuelle obligatoire des montants saisis.',
          ],
        },
      ],
    },
  };
}

const sens = {
  augmentation: { title: 'Augmentation', libelle: 'Augmentation', op: '>' },
  reduction: { title: 'Reduction', libelle: 'Réduction', op: '<' },
} as const;

export const augmentation = changementActivite('augmentation');
export const reduction = changementActivite('reduction');
