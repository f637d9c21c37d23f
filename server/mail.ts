/**
 * Outgoing mail (R-FL-5 accusé de réception, R-AC-3 forgotten password): SMTP when SMTP_URL is
 * set, otherwise one JSON line per mail in ESAT_DATA_DIR/outbox.jsonl (demos and tests).
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { jourHeureLong, jourLong } from '../forms/dates.ts';
import { privateDir, privateFile } from './store/durable.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/**
 * Appends `{to,subject,text,date}` to `dir/outbox.jsonl` at once (written when `send` returns),
 * mode 0600 in a 0700 directory: it holds
 * provisional passwords in clear (issue 11, point 9).
 */
export function outboxMailer(dir: string, now: () => Date = () => new Date()): Mailer {
  const file = join(dir, 'outbox.jsonl');
  let prive = false;
  return {
    async send(mail) {
      if (!prive) privateDir(dir);
      const line = JSON.stringify({ ...mail, date: now().toISOString() });
      appendFileSync(file, `${line}\n`, { encoding: 'utf8', mode: 0o600 });
      if (!prive) privateFile(file);
      prive = true;
    },
  };
}

/** Sends through SMTP (`smtp://user:pass@host:port` or `smtps://…`). */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url, { from });
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
  };
}

/** SMTP when `smtpUrl` is given, else the outbox file in `dataDir`. */
export function createMailer(options: {
  smtpUrl?: string;
  dataDir: string;
  from?: string;
}): Mailer {
  return options.smtpUrl
    ? smtpMailer(
        options.smtpUrl,
        options.from ?? 'Espace Esat <ne-pas-repondre@espace-esat.invalid>',
      )
    : outboxMailer(options.dataDir);
}

/**
 * R-FL-5: the accusé de réception. No amount and no rate in it: a mail leaves the service's
 * protection, the PDF stays behind the login.
 */
export function accuseReception(options: {
  to: string;
  label: string;
  worker: { nom: string; prenom: string; numeroAllocataire: string };
  esat: string;
  caf: string;
  id: string;
  /** The short reference read out on the phone (R-FL-5); the id when the record has none. */
  reference?: string;
  submittedAt: string;
}): Mail {
  const { worker } = options;
  return {
    to: options.to,
    subject: `Accusé de réception : ${options.label}`,
    text: [
      'Bonjour,',
      '',
      `Votre déclaration « ${options.label} » a bien été enregistrée le ${jourHeureLong(options.submittedAt)}.`,
      '',
      `Travailleur : ${worker.nom} ${worker.prenom}, n° allocataire ${worker.numeroAllocataire}`,
      `Établissement : ${options.esat}`,
      `Caf destinataire : ${options.caf}`,
      `Référence : ${options.reference ?? options.id}`,
      '',
      "Le récapitulatif PDF de la déclaration est disponible dans l'Espace Esat, sur la fiche du travailleur.",
      '',
      'Ce message est envoyé automatiquement, merci de ne pas y répondre.',
    ].join('\n'),
  };
}

/**
 * R-CA-6: the reminder of the certificats still missing, one per Esat. It names the Esat, the
 * campaign, the count and the deadline — never a worker's name or an amount.
 */
export function relanceCertificats(options: {
  to: string[];
  caf: string;
  esat: { name: string; siret: string };
  year: number;
  manquants: number;
  attendus: number;
  deadline: string;
}): Mail {
  const { manquants, year } = options;
  const limite = jourLong(options.deadline);
  const certificats = manquants > 1 ? `${manquants} certificats d'emploi` : "1 certificat d'emploi";
  return {
    to: options.to.join(', '),
    subject: `Certificats d'emploi ${year} : ${manquants > 1 ? `${manquants} certificats manquants` : '1 certificat manquant'}`,
    text: [
      'Bonjour,',
      '',
      `La ${options.caf} n'a pas encore reçu l'ensemble des certificats d'emploi de la campagne ${year} (rémunération de novembre ${year}) de l'établissement ${options.esat.name} (SIRET ${options.esat.siret}).`,
      '',
      `Il manque ${certificats} sur ${options.attendus} attendus.`,
      `Date limite pour garantir les paiements de janvier et février : le ${limite}.`,
      '',
      "Connectez-vous à l'Espace Esat : dans « Mes travailleurs », le filtre « sans certificat pour cette campagne » liste les travailleurs concernés.",
      '',
      'Ce message est envoyé automatiquement, merci de ne pas y répondre.',
    ].join('\n'),
  };
}
