import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { declarationMachine } from '../../machines/declaration.machine.ts';
import { messagesQuestions } from '../../forms/changement.ts';

const travailleur = {
  id: 'w1',
  nom: 'BENALI',
  prenom: 'Karim',
  numeroAllocataire: '7510002',
  dateNaissance: '1979-11-02',
};

function start() {
  return createActor(declarationMachine, {
    input: { teleprocedure: 'changement', travailleur, estDernier: true, today: '2027-06-15' },
  }).start();
}

type Answer = [id: string, valeur: 'oui' | 'non'];

describe('R-CS: the questions of a changement de situation', () => {
  it.each([
    {
      path: 'Non → réduction',
      answers: [
        ['doubleActivite', 'non'],
        ['situation.reduction', 'oui'],
      ],
      kind: 'reduction',
    },
    {
      path: 'Non → augmentation',
      answers: [
        ['doubleActivite', 'non'],
        ['situation.augmentation', 'oui'],
      ],
      kind: 'augmentation',
    },
    {
      path: 'Non → départ',
      answers: [
        ['doubleActivite', 'non'],
        ['situation.depart', 'oui'],
      ],
      kind: 'depart',
    },
    {
      path: 'Oui → début',
      answers: [
        ['doubleActivite', 'oui'],
        ['debutDouble', 'oui'],
      ],
      kind: 'double-debut',
    },
    {
      path: 'Oui → Non → fin',
      answers: [
        ['doubleActivite', 'oui'],
        ['debutDouble', 'non'],
        ['finDouble', 'oui'],
      ],
      kind: 'double-fin',
    },
    {
      path: 'Oui → Non → Non → modification',
      answers: [
        ['doubleActivite', 'oui'],
        ['debutDouble', 'non'],
        ['finDouble', 'non'],
      ],
      kind: 'double-modification',
    },
  ] as { path: string; answers: Answer[]; kind: string }[])(
    '$path leads to the $kind form',
    ({ answers, kind }) => {
      const actor = start();
      expect(actor.getSnapshot().matches('questions')).toBe(true);
      for (const [id, valeur] of answers) {
        actor.send({ type: 'question.repondre', id, valeur });
        if (!id.startsWith('situation.') || id === answers.at(-1)![0])
          actor.send({ type: 'question.continuer' });
      }
      expect(actor.getSnapshot().matches({ saisie: 'edition' })).toBe(true);
      expect(actor.getSnapshot().context.kind).toBe(kind);
    },
  );

  it.each([
    { why: 'no « Oui »', oui: [], message: messagesQuestions.aucuneSituation },
    {
      why: 'two « Oui »',
      oui: ['reduction', 'depart'],
      message: messagesQuestions.plusieursSituations,
    },
  ])('none or several situations: $why → the seeds’ error, no form', ({ oui, message }) => {
    const actor = start();
    actor.send({ type: 'question.repondre', id: 'doubleActivite', valeur: 'non' });
    actor.send({ type: 'question.continuer' });
    for (const id of oui)
      actor.send({ type: 'question.repondre', id: `situation.${id}`, valeur: 'oui' });
    actor.send({ type: 'question.continuer' });
    expect(actor.getSnapshot().matches('questions')).toBe(true);
    expect(actor.getSnapshot().context.erreurQuestion).toBe(message);
  });

  it('an unanswered question says so', () => {
    const actor = start();
    actor.send({ type: 'question.continuer' });
    expect(actor.getSnapshot().context.erreurQuestion).toBe(messagesQuestions.sansReponse);
  });

  it('« Précédent » goes back up the tree, and the saisie can go back to the questions', () => {
    const actor = start();
    actor.send({ type: 'question.repondre', id: 'doubleActivite', valeur: 'oui' });
    actor.send({ type: 'question.continuer' });
    actor.send({ type: 'question.repondre', id: 'debutDouble', valeur: 'non' });
    actor.send({ type: 'question.continuer' });
    expect(actor.getSnapshot().matches({ questions: 'finDouble' })).toBe(true);
    actor.send({ type: 'question.precedente' });
    expect(actor.getSnapshot().matches({ questions: 'debutDouble' })).toBe(true);
    actor.send({ type: 'question.repondre', id: 'debutDouble', valeur: 'oui' });
    actor.send({ type: 'question.continuer' });
    actor.send({ type: 'saisie.changer', name: 'dateEffet', value: '01/06/2027' });
    actor.send({ type: 'saisie.questions' });
    expect(actor.getSnapshot().matches({ questions: 'debutDouble' })).toBe(true);
    expect(actor.getSnapshot().context.saisie.dateEffet).toBe('01/06/2027');
  });

  it('« Précédent » leaves the error of the question it leaves behind', () => {
    const actor = start();
    actor.send({ type: 'question.repondre', id: 'doubleActivite', valeur: 'non' });
    actor.send({ type: 'question.continuer' });
    actor.send({ type: 'question.continuer' });
    expect(actor.getSnapshot().context.erreurQuestion).toBeDefined();
    actor.send({ type: 'question.precedente' });
    expect(actor.getSnapshot().matches({ questions: 'doubleActivite' })).toBe(true);
    expect(actor.getSnapshot().context.erreurQuestion).toBeUndefined();
  });

  it('Quitter on a question asks for confirmation; Confirmer ends towards Mes travailleurs', () => {
    const actor = start();
    actor.send({ type: 'saisie.quitter' });
    expect(
      actor.getSnapshot().matches({ questions: { doubleActivite: 'confirmationQuitter' } }),
    ).toBe(true);
    actor.send({ type: 'quitter.annuler' });
    expect(actor.getSnapshot().matches({ questions: { doubleActivite: 'active' } })).toBe(true);
    actor.send({ type: 'saisie.quitter' });
    actor.send({ type: 'quitter.confirmer' });
    expect(actor.getSnapshot().output?.issue).toBe('travailleurs');
  });

  it('R-CS-1: a réduction with an incoherent rate stays on the Saisie with the seeds’ message', () => {
    const actor = start();
    actor.send({ type: 'question.repondre', id: 'doubleActivite', valeur: 'non' });
    actor.send({ type: 'question.continuer' });
    actor.send({ type: 'question.repondre', id: 'situation.reduction', valeur: 'oui' });
    actor.send({ type: 'question.continuer' });
    for (const [name, value] of Object.entries({
      dateEffet: '01/06/2027',
      tauxAvant: '50',
      tauxApres: '80',
      aideAuPoste: '300',
      remunerationGarantie: '900',
    })) {
      actor.send({ type: 'saisie.changer', name, value });
    }
    actor.send({ type: 'saisie.valider' });
    expect(actor.getSnapshot().matches('saisie')).toBe(true);
    expect(actor.getSnapshot().context.errors).toEqual([
      { path: '/tauxApres', message: "Le taux renseigné n'est pas cohérent." },
    ]);
  });
});
