// @vitest-environment jsdom
import '../ui/jsdom-shims.ts';
import { composeStories, setProjectAnnotations } from '@storybook/react-vite';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InspectionEvent } from 'xstate';
import preview from '../../.storybook/preview.tsx';
import * as fin from '../../stories/Fin.stories.tsx';

/** The Stately inspector, as the stories get it: what it was sent, no window opened. */
const inspectes = vi.hoisted(() => ({ events: [] as InspectionEvent[], ouvertures: 0 }));
vi.mock('@statelyai/inspect', () => ({
  createBrowserInspector: () => {
    inspectes.ouvertures++;
    return { inspect: (event: InspectionEvent) => inspectes.events.push(event) };
  },
}));

afterEach(cleanup);

const machines = () =>
  new Set(
    inspectes.events
      .filter((e) => e.type === '@xstate.actor')
      // Machines have an id; the fake server's promise actors have none.
      .flatMap((e) => (e.actorRef as { logic?: { id?: string } }).logic?.id ?? []),
  );

describe('Storybook toolbar « Inspecteur »', () => {
  it('is off by default: no inspector is loaded, the story is drawn', async () => {
    setProjectAnnotations(preview);
    expect(preview.initialGlobals).toEqual({ inspecteur: 'off' });
    const { PasLeDernier } = composeStories(fin);
    await PasLeDernier.load();
    render(<PasLeDernier />);
    screen.getByText('Votre déclaration a bien été enregistrée');
    expect(inspectes.ouvertures).toBe(0);
    expect(inspectes.events).toEqual([]);
  });

  it('when on, the story’s machines (portal and its declaration) report to one inspector', async () => {
    setProjectAnnotations([preview, { initialGlobals: { inspecteur: 'on' } }]);
    const { PasLeDernier, Dernier } = composeStories(fin);
    await PasLeDernier.load();
    render(<PasLeDernier />);
    screen.getByText('Votre déclaration a bien été enregistrée');
    expect(machines()).toEqual(new Set(['portail', 'declaration']));
    expect(inspectes.events.some((e) => e.type === '@xstate.event')).toBe(true);
    // A second story reuses the same inspector window.
    await Dernier.load();
    expect(inspectes.ouvertures).toBe(1);
  });
});
