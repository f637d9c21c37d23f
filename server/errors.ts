/**
 * The error shape of the HTTP contract (SPEC §8):
 * `{"error":{"code":"…","message":"French text","fields":[{path,message}]}}`.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FieldError } from '../forms/index.ts';

/** A refusal the client is meant to read: status, stable code, French message, field messages. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
  }

  /** The JSON body of the contract. */
  body() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.fields ? { fields: this.fields } : {}),
      },
    };
  }
}

/** Stops the request with a contract error (caught by the app's onError). */
export function fail(
  status: ContentfulStatusCode,
  code: string,
  message: string,
  fields?: FieldError[],
): never {
  throw new ApiError(status, code, message, fields);
}

/** The French messages shared by several routes. */
export const messages = {
  nonAuthentifie: 'Vous devez vous connecter pour accéder à ce service.',
  sessionExpiree: 'Votre session a expiré.',
  cgu: "Vous devez accepter les conditions générales d'utilisation pour continuer.",
  motDePasseAChanger: 'Vous devez changer votre mot de passe avant de continuer.',
  accesRefuse: "Vous n'avez pas accès à cette fonction.",
  requeteInvalide: "La requête n'est pas valide.",
  jsonInvalide: "Le contenu de la requête n'est pas un JSON valide.",
  travailleurInconnu: 'Ce travailleur est introuvable.',
  declarationInconnue: 'Cette déclaration est introuvable.',
  validation: 'La déclaration comporte des erreurs.',
  campagneFermee: "Le certificat d'emploi se déclare du 1er décembre au dernier jour de février.",
  identifiants: 'Identifiant ou mot de passe incorrect.',
  tropDeTentatives: 'Trop de tentatives de connexion. Réessayez dans 15 minutes.',
  interne: 'Une erreur est survenue. Réessayez dans un instant.',
} as const;
