import {
  parcours,
  questionsChangement,
  type Question,
  type Reponses,
} from '../../forms/changement.ts';
import { Button, ConfirmDialog } from '../components/index.ts';
import type { DeclarationRef, DeclarationSnapshot } from './types.ts';

/** The question on screen: the one state of `questions` that is active. */
export function questionCourante(state: DeclarationSnapshot): Question | undefined {
  const value = state.value as { questions?: Record<string, string> };
  const id = value.questions ? Object.keys(value.questions)[0] : undefined;
  return questionsChangement.find((q) => q.id === id);
}

/** What was answered on the way, for a reminder above the form (« Modifier mes réponses »). */
export function ReponsesDonnees({ reponses, jusqua }: { reponses: Reponses; jusqua?: string }) {
  const lignes: { libelle: string; reponse: string }[] = [];
  for (const { question, issue } of parcours(reponses)) {
    if (question.id === jusqua || 'erreur' in issue) break;
    if (question.type === 'ouiNon') {
      lignes.push({
        libelle: question.libelle,
        reponse: reponses[question.id] === 'oui' ? 'Oui' : 'Non',
      });
    } else {
      const oui = question.situations.find((s) => reponses[`${question.id}.${s.id}`] === 'oui');
      if (oui) lignes.push({ libelle: oui.libelle, reponse: 'Oui' });
    }
  }
  if (!lignes.length) return null;
  return (
    <dl className="answers">
      {lignes.map((l) => (
        <div key={l.libelle} className="answers__row">
          <dt>{l.libelle}</dt>
          <dd>{l.reponse}</dd>
        </div>
      ))}
    </dl>
  );
}

function OuiNon({
  name,
  legend,
  aide,
  value,
  onChange,
  erreur,
}: {
  name: string;
  legend: string;
  aide?: string;
  value?: 'oui' | 'non';
  onChange: (v: 'oui' | 'non') => void;
  erreur?: string;
}) {
  const ids = [aide ? `${name}-aide` : null, erreur ? `${name}-erreur` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <fieldset
      className={`fieldset${erreur ? ' field--error' : ''}`}
      aria-describedby={ids || undefined}
      id={`question-${name}`}
    >
      <legend className="fieldset__legend">{legend}</legend>
      {aide ? (
        <p className="field__help" id={`${name}-aide`}>
          {aide}
        </p>
      ) : null}
      {erreur ? (
        <p className="field__error" id={`${name}-erreur`} role="alert">
          <span className="sr-only">Erreur : </span>
          {erreur}
        </p>
      ) : null}
      <div className="radios radios--inline">
        {(['oui', 'non'] as const).map((v) => (
          <label key={v} className="radio">
            <input
              type="radio"
              name={name}
              value={v}
              checked={value === v}
              onChange={() => onChange(v)}
            />
            {v === 'oui' ? 'Oui' : 'Non'}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** R-CS: one question of the changement de situation at a time, drawn from forms/changement.ts. */
export function Questions({ state, actor }: { state: DeclarationSnapshot; actor: DeclarationRef }) {
  const question = questionCourante(state);
  const { reponses, erreurQuestion } = state.context;
  const { send } = actor;
  if (!question) return null;
  const repondre = (id: string, valeur: 'oui' | 'non') =>
    send({ type: 'question.repondre', id, valeur });
  return (
    <form
      className="form-stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        send({ type: 'question.continuer' });
      }}
    >
      <ReponsesDonnees reponses={reponses} jusqua={question.id} />
      <section className="card">
        {question.type === 'ouiNon' ? (
          <OuiNon
            name={question.id}
            legend={question.libelle}
            aide={question.aide}
            value={reponses[question.id]}
            onChange={(v) => repondre(question.id, v)}
            erreur={erreurQuestion}
          />
        ) : (
          <fieldset
            className={`fieldset${erreurQuestion ? ' field--error' : ''}`}
            id={`question-${question.id}`}
          >
            <legend className="fieldset__legend">{question.libelle}</legend>
            <p className="field__help">
              Une seule situation peut être déclarée : cochez « Oui » pour celle qui s'applique.
            </p>
            {erreurQuestion ? (
              <p className="field__error" role="alert">
                <span className="sr-only">Erreur : </span>
                {erreurQuestion}
              </p>
            ) : null}
            {question.situations.map((s) => (
              <OuiNon
                key={s.id}
                name={`${question.id}.${s.id}`}
                legend={s.libelle}
                value={reponses[`${question.id}.${s.id}`] ?? 'non'}
                onChange={(v) => repondre(`${question.id}.${s.id}`, v)}
              />
            ))}
          </fieldset>
        )}
      </section>
      <div className="actions">
        <Button variant="secondary" onPress={() => send({ type: 'saisie.quitter' })}>
          Quitter
        </Button>
        {state.can({ type: 'question.precedente' }) ? (
          <Button variant="secondary" onPress={() => send({ type: 'question.precedente' })}>
            Précédent
          </Button>
        ) : null}
        <Button type="submit">Continuer</Button>
      </div>
      <ConfirmDialog
        isOpen={state.matches({ questions: { [question.id]: 'confirmationQuitter' } })}
        title="Voulez-vous quitter la déclaration ?"
        onCancel={() => send({ type: 'quitter.annuler' })}
        onConfirm={() => send({ type: 'quitter.confirmer' })}
      >
        <p>
          Vous retournerez à la page « Mes travailleurs ». Cette déclaration ne sera pas transmise à
          la Caf.
        </p>
      </ConfirmDialog>
    </form>
  );
}
