/**
 * R-IM-5: the summary PDF of an import: who imported which file for which Caf, the counts, the
 * totals declared, and one line per row (certificat sent with its reference, or why not). Each
 * certificat keeps its own PDF (server/pdf.ts).
 */
import type { PDFFont, PDFPage } from 'pdf-lib';
import { pdfLib } from '../bibliotheques.ts';
import { libellesStatut } from '../../forms/import.ts';
import { jourHeure } from '../../forms/dates.ts';
import { lisible, polices, ATTESTATION } from '../pdf.ts';
import type { CafRecord, EsatRecord, ImportRecord } from '../store/index.ts';
import type { Rapport } from './rapport.ts';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** Builds the summary; bytes start with `%PDF-`. */
export async function pdfImport(input: {
  record: ImportRecord;
  rapport: Rapport;
  esat: EsatRecord;
  caf: CafRecord | undefined;
  now: string;
}): Promise<Uint8Array> {
  const { record, rapport, esat, caf } = input;
  const { PDFDocument, rgb } = await pdfLib();
  const doc = await PDFDocument.create();
  doc.setTitle(`Import de certificats d'emploi — ${record.fichier.nom}`);
  doc.setLanguage('fr-FR');
  doc.setProducer('Espace Esat');
  const { regular, bold } = await polices(doc);
  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const room = (needed: number) => {
    if (y - needed < MARGIN) {
      page = doc.addPage(A4);
      y = A4[1] - MARGIN;
    }
  };
  const cut = (text: string, font: PDFFont, size: number, max: number) => {
    let t = lisible(font, text);
    while (t.length > 1 && font.widthOfTextAtSize(t, size) > max) t = t.slice(0, -2) + '…';
    return lisible(font, t);
  };
  const line = (t: string, options: { font?: PDFFont; size?: number; gap?: number } = {}) => {
    const size = options.size ?? 10;
    const font = options.font ?? regular;
    room(size * 1.5);
    page.drawText(cut(t, font, size, A4[0] - 2 * MARGIN), {
      x: MARGIN,
      y: y - size,
      size,
      font,
      color: rgb(0.1, 0.1, 0.1),
    });
    y -= size * 1.5 + (options.gap ?? 0);
  };
  const { comptes, totaux } = rapport;

  line('Récapitulatif d’import', { size: 10 });
  line("Import de certificats d'emploi", { font: bold, size: 16, gap: 6 });
  line(`Établissement : ${esat.name} (SIRET ${esat.siret})`);
  line(`Caf destinataire : ${caf ? `${caf.name} (${caf.code})` : record.caf}`);
  line(`Campagne : rémunération de novembre ${record.campaignYear}`);
  line(
    `Fichier : ${record.fichier.nom}, importé le ${jourHeure(record.createdAt)} par ${record.userEmail}`,
  );
  line(`Référence de l'import : ${record.reference ?? record.id}`);
  line(`Document établi le ${jourHeure(input.now)}`, { gap: 8 });

  line('En bref', { font: bold, size: 11 });
  const envoyes = rapport.lignes.filter((l) => l.statut === 'envoye');
  const total = (champ: string) =>
    envoyes.reduce(
      (t, l) => t + (typeof l.data[champ] === 'number' ? (l.data[champ] as number) : 0),
      0,
    );
  for (const [label, n] of [
    ['Lignes du fichier', comptes.lignes],
    ['Certificats envoyés', comptes.envoyes],
    ['Lignes prêtes, pas encore envoyées', comptes.prets],
    ['Lignes à corriger', comptes.erreurs],
    ['Déjà déclarés', comptes.dejaDeclares],
    ['Dossiers bloqués', comptes.bloques],
    ['Travailleurs non reconnus', comptes.introuvables + comptes.ambigus],
    ['Lignes ignorées', comptes.ignorees],
    ['Travailleurs absents du fichier', comptes.manquants],
  ] as const) {
    line(`${label} : ${n}`);
  }
  line(
    `Total des certificats envoyés : rémunération garantie ${euros.format(total('remunerationGarantie'))}, aide au poste ${euros.format(total('aideAuPoste'))}`,
  );
  if (comptes.prets > 0) {
    line(
      `Reste à envoyer : rémunération garantie ${euros.format(totaux.remunerationGarantie)}, aide au poste ${euros.format(totaux.aideAuPoste)}`,
    );
  }
  y -= 8;

  // One line per row: row number, worker, status, reference or reason.
  const cols = [
    { titre: 'Ligne', x: MARGIN, w: 34 },
    { titre: 'Travailleur', x: MARGIN + 34, w: 170 },
    { titre: 'Statut', x: MARGIN + 204, w: 100 },
    { titre: 'Référence ou motif', x: MARGIN + 304, w: A4[0] - 2 * MARGIN - 304 },
  ];
  const row = (cells: string[], font: PDFFont) => {
    room(13);
    cells.forEach((t, i) =>
      page.drawText(cut(t, font, 8, cols[i].w - 4), { x: cols[i].x, y: y - 8, size: 8, font }),
    );
    y -= 12;
  };
  line('Détail des lignes', { font: bold, size: 11 });
  row(
    cols.map((c) => c.titre),
    bold,
  );
  for (const l of rapport.lignes) {
    const t = l.travailleur;
    const motif =
      l.statut === 'envoye'
        ? (l.reference ?? l.declarationId ?? '')
        : (l.message ?? l.erreurs.map((e) => `${e.colonne} : ${e.message}`).join(' ; '));
    row(
      [
        String(l.n),
        t
          ? `${t.nom} ${t.prenom} — ${t.numeroAllocataire}`
          : `${l.valeurs.nom} ${l.valeurs.prenom}`.trim(),
        libellesStatut[l.statut],
        motif,
      ],
      regular,
    );
  }
  if (rapport.manquants.length > 0) {
    y -= 8;
    line('Travailleurs absents du fichier', { font: bold, size: 11 });
    for (const m of rapport.manquants)
      line(`${m.nom} ${m.prenom} — ${m.numeroAllocataire}`, { size: 9 });
  }
  y -= 8;
  line(ATTESTATION, { font: bold, size: 9 });
  return doc.save();
}
