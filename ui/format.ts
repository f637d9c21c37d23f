/** Dates as a French reader expects them. */
const dateTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const longue = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `2026-12-02` → `02/12/2026`. */
export function dateCourte(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** `2027-02-28` → `28 février 2027`. */
export function dateLongue(iso: string): string {
  return longue.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
}

/** An instant → `02/12/2026 à 10:00` (Paris). */
export function horodatage(iso: string): string {
  return dateTime.format(new Date(iso)).replace(' ', ' à ');
}

const jourMois = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
});

/** R-CA-8: where a worker's certificat of the campaign stands, as its tile says it. */
export function statutCertificat(
  certificat: { submittedAt: string; etat: string } | null | undefined,
): string | undefined {
  if (!certificat) return undefined;
  if (certificat.etat === 'traitee') return 'Traité par la Caf';
  return `Certificat déclaré le ${jourMois.format(new Date(certificat.submittedAt))}`;
}

const jourParis = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/** An instant → the day in Paris, `02/12/2026`. */
export function jourDe(iso: string): string {
  return jourParis.format(new Date(iso));
}
