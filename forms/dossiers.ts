/**
 * R-WK: a worker's Caf file that cannot take a declaration, and the red message shown for it —
 * in the list, on the fiche, and in the server's refusal alike.
 */
export const dossiers = [
  'actif',
  'radie',
  'non-affilie',
  'en-cours-affiliation',
  'salarie-absent',
  'activite-inconnue',
] as const;
export type Dossier = (typeof dossiers)[number];

const motifs: Record<Exclude<Dossier, 'actif'>, string> = {
  radie: 'Le dossier de ce travailleur est radié.',
  'non-affilie': "Ce travailleur n'est pas affilié à la Caf.",
  'en-cours-affiliation': "Le dossier de ce travailleur est en cours d'affiliation.",
  'salarie-absent': 'Ce travailleur est absent du dossier allocataire.',
  'activite-inconnue': "L'activité en Esat de ce travailleur n'est pas connue de la Caf.",
};

/** The blocking message of a file (R-WK), or undefined when it can take a declaration. */
export function blocageDossier(dossier: Dossier | undefined): string | undefined {
  if (!dossier || dossier === 'actif') return undefined;
  return `${motifs[dossier]} La déclaration est impossible. Contactez votre Caf.`;
}

/** R-WK: the reason alone (« Le dossier de ce travailleur est radié. »), for a status column. */
export function motifDossier(dossier: Dossier | undefined): string | undefined {
  return !dossier || dossier === 'actif' ? undefined : motifs[dossier];
}
