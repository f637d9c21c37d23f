/**
 * R-AC-4, the password policy: at least 12 characters, at most 128, not the e-mail, not a
 * commonly breached password (the 49 000 most frequent passwords of public leaks, from
 * @zxcvbn-ts/language-common, plus French ones), including such a password merely decorated with
 * capitals, digits or signs at its ends (« Password2026! »), nor obviously guessable (few distinct
 * characters, a repeated motif, keyboard or alphabet runs). Not one of the last 5 is checked by
 * the route, against the stored hashes.
 */
import { dictionary } from '@zxcvbn-ts/language-common';

/** How many passwords, the current one included, may not be chosen again. */
export const HISTORY = 5;

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

const courants = new Set([...dictionary['passwords-common'], ...francais]);

/** The word inside the decoration: lowercase, digits and signs stripped from both ends. */
const noyau = (password: string) => password.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');

/** Whether the password is a common one, bare or decorated at its ends. */
export function estCourant(password: string): boolean {
  const lower = password.toLowerCase();
  const core = noyau(password);
  return courants.has(lower) || (core.length >= 4 && courants.has(core));
}

/** Rows of the keyboards (AZERTY and QWERTY) and the alphabet: a run along one is guessed first. */
const suites = [
  'azertyuiop',
  'qsdfghjklm',
  'wxcvbn',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '1234567890',
  'abcdefghijklmnopqrstuvwxyz',
];

/**
 * What is left of a password once what a guesser tries first is taken out: runs of one character
 * (« aaaa »), runs of 4 or more along a keyboard row or the alphabet, either way (« azerty »,
 * « 4321 »). Case is ignored.
 */
function reste(password: string): string {
  const lower = password.toLowerCase().replace(/(.)\1{2,}/gu, '$1');
  let out = '';
  for (let i = 0; i < lower.length;) {
    let run = 1;
    for (const row of suites) {
      for (const ligne of [row, [...row].reverse().join('')]) {
        let n = 1;
        while (i + n < lower.length && ligne.includes(lower.slice(i, i + n + 1))) n++;
        if (n > run) run = n;
      }
    }
    if (run < 4) out += lower[i];
    i += run < 4 ? 1 : run;
  }
  return out;
}

/**
 * Issue 11, point 12: a strength estimate in the spirit of zxcvbn (whose core package is not
 * installed; only its word lists are): the obviously guessable is refused whatever its length,
 * with the reason in French.
 */
export function refusFaiblesse(password: string): string | undefined {
  if (new Set(password.toLowerCase()).size < 6)
    return 'Ce mot de passe est trop facile à deviner : il utilise trop peu de caractères différents. Choisissez par exemple une phrase de plusieurs mots.';
  if (/^(.+?)\1+$/su.test(password.toLowerCase()))
    return 'Ce mot de passe est trop facile à deviner : il répète un même motif. Choisissez par exemple une phrase de plusieurs mots.';
  if (reste(password).length < 8)
    return 'Ce mot de passe est trop facile à deviner : il suit les touches du clavier ou des caractères qui se suivent. Choisissez par exemple une phrase de plusieurs mots.';
  return undefined;
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
  return refusFaiblesse(password);
}

/** The French reason a recent password is refused. */
export const dejaUtilise = `Vous avez déjà utilisé ce mot de passe récemment : choisissez-en un différent de vos ${HISTORY} derniers.`;
