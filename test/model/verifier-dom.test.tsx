// @vitest-environment jsdom
/**
 * The model tests' screen check reads hidden-ness and accessible names from a style model of
 * its own (verifier-dom.ts, jsdom's user-agent sheet without its cost): what is hidden stays
 * unfound, names keep the spaces between blocks, and a difference fails with what is on screen.
 */
import '../ui/jsdom-shims.ts';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { verifierDom } from './verifier-dom.ts';

afterEach(cleanup);

function ecran() {
  render(
    <main>
      <h1>Mes travailleurs</h1>
      <button type="button">
        <div>DUPONT</div>
        <div>Marie</div>
      </button>
      <button type="button">
        Déclarer <span>(1)</span>
      </button>
      <button type="button" hidden>
        Caché par l’attribut
      </button>
      <div style={{ visibility: 'hidden' }}>
        <p>
          <button type="button">Caché par un ancêtre</button>
        </p>
      </div>
      <div style={{ display: 'none' }}>
        <button type="button">Caché par le style</button>
      </div>
      <dialog>
        <button type="button">Dans un dialog fermé</button>
      </dialog>
    </main>,
  );
}

describe('verifierDom', () => {
  it('finds what is shown, by its accessible name (blocks apart, inline text joined)', () => {
    ecran();
    expect(() =>
      verifierDom({ titre: 'Mes travailleurs', boutons: ['DUPONT Marie', 'Déclarer (1)'] }),
    ).not.toThrow();
  });

  it.each([
    'Caché par l’attribut',
    'Caché par un ancêtre',
    'Caché par le style',
    'Dans un dialog fermé',
  ])('does not find « %s »: the check fails and says what is on screen', (nom) => {
    ecran();
    expect(() => verifierDom({ boutons: [nom] })).toThrow(
      new RegExp(`missing on screen: the button ${nom}[\\s\\S]*on screen:.*Déclarer \\(1\\)`),
    );
  });

  it('puts the window’s own getComputedStyle back afterwards', () => {
    ecran();
    const avant = window.getComputedStyle;
    verifierDom({ titre: 'Mes travailleurs' });
    expect(window.getComputedStyle).toBe(avant);
  });
});
