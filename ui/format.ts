/** What the screens say about dates beyond the formatters (those are forms/dates.ts). */
import { jourMoisDe } from '../forms/dates.ts';

/** R-CA-8: where a worker's certificat of the campaign stands, as its tile says it. */
export function statutCertificat(
  certificat: { submittedAt: string; etat: string } | null | undefined,
): string | undefined {
  if (!certificat) return undefined;
  if (certificat.etat === 'traitee') return 'Traité par la Caf';
  return `Certificat déclaré le ${jourMoisDe(certificat.submittedAt)}`;
}
