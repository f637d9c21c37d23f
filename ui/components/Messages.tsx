import { Notice } from './Notice.tsx';

export interface MessagesProps {
  /** What just succeeded. */
  succes?: string;
  /** The server's refusal, in its French words. */
  erreur?: { message: string };
}

/** What just succeeded, or the refusal of the server, said once above the screen (live). */
export function Messages({ succes, erreur }: MessagesProps) {
  return (
    <>
      {succes ? (
        <Notice type="success" live>
          <p>{succes}</p>
        </Notice>
      ) : null}
      {erreur ? (
        <Notice type="error" live>
          <p>{erreur.message}</p>
        </Notice>
      ) : null}
    </>
  );
}
