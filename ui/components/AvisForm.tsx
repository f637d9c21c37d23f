import { useId, useState, type FormEvent } from 'react';
import { Label, Radio, RadioGroup, Text } from 'react-aria-components';
import { Button } from './Button.tsx';
import { Notice } from './Notice.tsx';

/** What a user thinks of the service (SPEC R-FL-5, page de fin). */
export interface Avis {
  note: number;
  commentaire: string;
}

export const COMMENTAIRE_MAX = 2000;

const notes = [
  { value: 1, label: 'Très insatisfait' },
  { value: 2, label: 'Insatisfait' },
  { value: 3, label: 'Moyennement satisfait' },
  { value: 4, label: 'Satisfait' },
  { value: 5, label: 'Très satisfait' },
];

export interface AvisFormProps {
  onSubmit: (avis: Avis) => void;
  /** The opinion was received: the form gives way to a thank-you. */
  sent?: boolean;
  isPending?: boolean;
}

/** Optional opinion on the service: a note from 1 to 5 and a comment of at most 2000 characters. */
export function AvisForm({ onSubmit, sent = false, isPending = false }: AvisFormProps) {
  const [note, setNote] = useState<string | null>(null);
  const [commentaire, setCommentaire] = useState('');
  const [missingNote, setMissingNote] = useState(false);
  const commentId = useId();
  const countId = useId();

  if (sent) {
    return (
      <Notice type="success" live>
        Merci pour votre avis.
      </Notice>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (note === null) {
      setMissingNote(true);
      return;
    }
    onSubmit({ note: Number(note), commentaire: commentaire.trim() });
  }

  return (
    <form className="avis" noValidate onSubmit={submit} aria-labelledby={`${commentId}-titre`}>
      <h2 className="avis__title" id={`${commentId}-titre`}>
        Donnez-nous votre avis
      </h2>
      <p className="avis__intro">
        Votre avis est facultatif ; il nous aide à améliorer le service.
      </p>
      <RadioGroup
        className="avis__note"
        orientation="horizontal"
        value={note}
        onChange={(value) => {
          setNote(value);
          setMissingNote(false);
        }}
        isInvalid={missingNote}
      >
        <Label className="field__label">
          Votre note, de 1 (très insatisfait) à 5 (très satisfait)
        </Label>
        {missingNote ? (
          <Text slot="errorMessage" className="field__error">
            Choisissez une note de 1 à 5 pour envoyer votre avis.
          </Text>
        ) : null}
        <div className="avis__choices">
          {notes.map((n) => (
            <Radio
              key={n.value}
              value={String(n.value)}
              className="avis__choice"
              aria-label={`${n.value} sur 5 : ${n.label}`}
            >
              <span className="avis__choice-value" aria-hidden="true">
                {n.value}
              </span>
            </Radio>
          ))}
        </div>
      </RadioGroup>
      <div className="field">
        <label className="field__label" htmlFor={commentId}>
          Commentaire (facultatif)
        </label>
        <p className="field__help" id={countId}>
          {COMMENTAIRE_MAX - commentaire.length} caractères restants sur {COMMENTAIRE_MAX}.
        </p>
        <textarea
          id={commentId}
          className="field__textarea"
          rows={4}
          maxLength={COMMENTAIRE_MAX}
          value={commentaire}
          aria-describedby={countId}
          onChange={(event) => setCommentaire(event.target.value)}
        />
      </div>
      <Button type="submit" variant="secondary" isPending={isPending}>
        Envoyer mon avis
      </Button>
    </form>
  );
}
