/**
 * R-AC-4, the password policy: at least 12 characters, at most 128, not the e-mail, not a
 * commonly breached password (the 49 000 most frequent passwords of public leaks, from
 * @zxcvbn-ts/language-common, plus French ones), including such a password merely decorated with
 * capitals, digits or signs at its ends (« Password2026! »), nor guessable by zxcvbn's estimate (repeats, keyboard runs, words, dates). Not one of the last 5 is checked by
 * the route, against the stored hashes.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as fr from '@zxcvbn-ts/language-fr';

/** How many passwords, the current one included, may not be chosen again. */
export const HISTORY = 5;

/** R-AC-4: the previous hashes kept when `remplace` stops being the password, newest first:
 * with the current password they make the last HISTORY, that stay refused. */
export function historiqueApres(remplace: string, precedents: string[] = []): string[] {
  return [remplace, ...precedents].slice(0, HISTORY - 1);
}

/** Frequent French passwords that the (mostly English) list lacks. */
const francais = [
  'motdepasse',
  'azerty',
  'azertyuiop',
  'soleil',
  'bonjour',
  'doudou',
  'chouchou',
  'loulou',
  'marseille',
  'nicolas',
  'caramel',
  'jetaime',
  'coucou',
  'princesse',
  'camille',
  'chocolat',
];

const courants = new Set([...common.dictionary['passwords-common'], ...francais]);

/** The word inside the decoration: lowercase, digits and signs stripped from both ends. */
const noyau = (password: string) => password.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');

/** Whether the password is a common one, bare or decorated at its ends. */
export function estCourant(password: string): boolean {
  const lower = password.toLowerCase();
  const core = noyau(password);
  return courants.has(lower) || (core.length >= 4 && courants.has(core));
}

/**
 * Issue 11, point 12: zxcvbn's estimate of how many guesses a password takes, with the common
 * and French word lists and the keyboard graphs; its warnings in French. Built with the first
 * password checked (its ranked dictionaries take a moment), not at every start.
 */
let estimateurConstruit: ZxcvbnFactory | undefined;
const estimateur = () =>
  (estimateurConstruit ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...fr.dictionary },
    graphs: common.adjacencyGraphs,
    translations: fr.translations,
  }));

/** zxcvbn's score (0–4) below which a password is refused: 3 is « safely unguessable » online. */
export const SCORE_MINIMAL = 3;

/**
 * The obviously guessable is refused whatever its length (« aaaaaaaaaaaa », « Aa1!Aa1!Aa1! »,
 * « azertyuiop12 », a password made of the e-mail), with zxcvbn's reason in French.
 */
export function refusFaiblesse(password: string, email = ''): string | undefined {
  const saisies = email ? [email, ...email.split(/[@.\-_]/).filter((p) => p.length >= 3)] : [];
  const { score, feedback } = estimateur().check(password, saisies);
  if (score >= SCORE_MINIMAL) return undefined;
  const pourquoi = feedback.warning ? ` ${feedback.warning.replace(/\.?$/, '.')}` : '';
  return `Ce mot de passe est trop facile à deviner.${pourquoi} Choisissez par exemple une phrase de plusieurs mots.`;
}

/** The French reason a new password is refused, or undefined when it fits R-AC-4. */
export function refusMotDePasse(password: string, email: string): string | undefined {
  if (password.length < 12) return 'Le mot de passe doit comporter au moins 12 caractères.';
  if (password.length > 128) return 'Le mot de passe doit comporter au plus 128 caractères.';
  if (password.toLowerCase() === email.toLowerCase())
    return "Le mot de passe ne peut pas être l'adresse e-mail.";
  if (estCourant(password)) {
    return 'Ce mot de passe est trop courant : il figure parmi les mots de passe les plus répandus dans les fuites de données. Choisissez-en un autre, par exemple une phrase de plusieurs mots.';
  }
  return refusFaiblesse(password, email);
}

/** The French reason a recent password is refused. */
export const dejaUtilise = `Vous avez déjà utilisé ce mot de passe récemment : choisissez-en un différent de vos ${HISTORY} derniers.`;
