/**
 * Sample saisies derived from forms/ (never written per path): for each declaration kind, the
 * values a user types, field by field in the form's order, that the real validator accepts, and
 * one value it refuses. Built by trying candidates per widget against `checkSaisie`.
 */
import {
  champsVisibles,
  checkSaisie,
  formDefinition,
  type DeclarationKind,
  type FieldDef,
  type Saisie,
} from '../../forms/index.ts';

const pad = (n: number) => String(n).padStart(2, '0');
const fr = (d: Date) => `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;

/** Dates a user might type around `today` (DD/MM/YYYY, as the date fields ask). */
function dates(today: string): string[] {
  const [y, m, d] = today.split('-').map(Number);
  const jour = (yy: number, mm: number, dd: number) => fr(new Date(Date.UTC(yy, mm - 1, dd)));
  return [
    jour(y, m, 1),
    jour(y, m, Math.min(d, 28)),
    jour(y, m, 2),
    jour(y, m, 10),
    jour(y, m + 1, 0),
    jour(y, m + 1, 15),
    jour(y, m + 2, 1),
    jour(y, m - 1, 1),
  ];
}

function candidats(field: FieldDef, today: string): string[] {
  switch (field.widget) {
    case 'entier':
      return ['12', '6', '1', '0'];
    case 'montant':
      return ['1200', '700', '900', '400', '0'];
    case 'pourcentage':
      return ['80', '50', '100', '60', '40', '30', '20', '0', '10'];
    case 'date':
      return dates(today);
    case 'choix':
      return (field.options ?? []).map((o) => o.value);
    default:
      return ['Texte saisi pour le test'];
  }
}

const erreurA = (kind: DeclarationKind, saisie: Saisie, today: string, name: string) =>
  checkSaisie(kind, saisie, today).errors.some((e) => e.path === `/${name}`);

/**
 * A saisie the validator accepts, in the order the fields are typed. Each visible field gets the
 * first candidate that raises no error at it; a closed list takes the value that shows the most
 * fields (so the "appears when" fields are typed too).
 */
export function saisieValide(kind: DeclarationKind, today: string): [string, string][] {
  const cle = `${kind}|${today}`;
  let ordre = valides.get(cle);
  if (!ordre) valides.set(cle, (ordre = chercherSaisieValide(kind, today)));
  return ordre;
}
const valides = new Map<string, [string, string][]>();

function chercherSaisieValide(kind: DeclarationKind, today: string): [string, string][] {
  const definition = formDefinition(kind);
  const saisie: Saisie = {};
  const ordre: [string, string][] = [];
  for (let tour = 0; tour < definition.fields.length; tour++) {
    const field = champsVisibles(definition, saisie).find((f) => !(f.name in saisie));
    if (!field) break;
    const essais = candidats(field, today)
      .map((value) => ({ value, saisie: { ...saisie, [field.name]: value } }))
      .filter((e) => !erreurA(kind, e.saisie, today, field.name));
    if (field.widget === 'choix') {
      essais.sort(
        (a, b) =>
          champsVisibles(definition, b.saisie).length - champsVisibles(definition, a.saisie).length,
      );
    }
    const choix = essais[0]?.value ?? '';
    saisie[field.name] = choix;
    if (choix !== '') ordre.push([field.name, choix]);
  }
  const { errors } = checkSaisie(kind, saisie, today);
  if (errors.length) {
    throw new Error(
      `No valid saisie found for ${kind}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
    );
  }
  return ordre;
}

/** A value the validator refuses, typed in the first field a user can type text in. */
export function saisieInvalide(kind: DeclarationKind, today: string): [string, string] {
  const cle = `${kind}|${today}`;
  let invalide = invalides.get(cle);
  if (!invalide) invalides.set(cle, (invalide = chercherSaisieInvalide(kind, today)));
  return invalide;
}
const invalides = new Map<string, [string, string]>();

function chercherSaisieInvalide(kind: DeclarationKind, today: string): [string, string] {
  const field = formDefinition(kind).fields.find((f) => f.widget !== 'choix' && !f.visibleSi)!;
  const value = field.widget === 'texte' ? '' : 'douze';
  if (!erreurA(kind, { [field.name]: value }, today, field.name)) {
    throw new Error(`${kind}: « ${value} » in ${field.name} is not refused`);
  }
  return [field.name, value];
}
