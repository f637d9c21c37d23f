/**
 * R-AC-7: an Esat whose SIRET a Caf does not know enters the « identifiant de communication »
 * that this Caf gave it: 11 characters, a shorter input completed with zeros on the left.
 * One owner for the rule: the accueil checks the input with it, the server checks it again.
 */

export const LONGUEUR_IDENTIFIANT = 11;

export const messagesIdentifiant = {
  vide: "Saisissez l'identifiant de communication que votre Caf vous a donné.",
  format: `L'identifiant de communication comporte au plus ${LONGUEUR_IDENTIFIANT} chiffres ou lettres, sans autre signe.`,
  requis:
    "Cette Caf ne connaît pas le SIRET de votre établissement : saisissez l'identifiant de communication qu'elle vous a donné.",
  tropDEssais:
    "Trop d'identifiants erronés. Contactez votre Caf pour obtenir votre identifiant de communication.",
  inconnu:
    "Cet identifiant de communication n'est pas connu de cette Caf. L'accès à la téléprocédure est impossible : contactez votre Caf.",
} as const;

export type IdentifiantNormalise = { valeur: string } | { erreur: string };

/** The identifier as the Caf stores it (spaces removed, upper case, zeros on the left). */
export function normaliserIdentifiant(saisie: string): IdentifiantNormalise {
  const brut = saisie.replace(/\s+/g, '').toUpperCase();
  if (!brut) return { erreur: messagesIdentifiant.vide };
  if (brut.length > LONGUEUR_IDENTIFIANT || !/^[0-9A-Z]+$/.test(brut))
    return { erreur: messagesIdentifiant.format };
  return { valeur: brut.padStart(LONGUEUR_IDENTIFIANT, '0') };
}
