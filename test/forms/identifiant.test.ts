import { describe, expect, it } from 'vitest';
import { messagesIdentifiant, normaliserIdentifiant } from '../../forms/identifiant.ts';

describe('R-AC-7: the identifiant de communication as typed', () => {
  it.each([
    ['12345', '00000012345'],
    [' 123 45 ', '00000012345'],
    ['00000092101', '00000092101'],
    ['ab12', '0000000AB12'],
    ['1', '00000000001'],
  ])('« %s » is read as %s', (saisie, valeur) => {
    expect(normaliserIdentifiant(saisie)).toEqual({ valeur });
  });

  it.each([
    ['', messagesIdentifiant.vide],
    ['   ', messagesIdentifiant.vide],
    ['123456789012', messagesIdentifiant.format],
    ['123-45', messagesIdentifiant.format],
    ['12é45', messagesIdentifiant.format],
  ])('« %s » is refused with a French message', (saisie, erreur) => {
    expect(normaliserIdentifiant(saisie)).toEqual({ erreur });
  });
});
