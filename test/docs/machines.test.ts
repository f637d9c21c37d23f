import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMachine, type AnyStateMachine, type AnyStateNode } from 'xstate';
import { generate, guardLabel, machines } from '../../scripts/export-machines.ts';

const dir = new URL('../../machines/json/', import.meta.url);
const committed = (name: string) => readFileSync(new URL(name, dir), 'utf8');

/** Every state of a machine, as `portail.espace.accueil.pret`. */
function stateIds(machine: AnyStateMachine): string[] {
  const ids: string[] = [];
  const walk = (node: AnyStateNode) => {
    ids.push(node.id);
    Object.values(node.states).forEach(walk);
  };
  walk(machine.root);
  return ids.sort();
}

/** The states written in a JSON definition, read as plain data (no xstate). */
function jsonStateIds(config: { id: string; states?: Record<string, unknown> }): string[] {
  const ids: string[] = [];
  const walk = (id: string, node: { states?: Record<string, unknown> }) => {
    ids.push(id);
    for (const [key, child] of Object.entries(node.states ?? {}))
      walk(`${id}.${key}`, child as { states?: Record<string, unknown> });
  };
  walk(config.id, config);
  return ids.sort();
}

describe('machines/json: the definitions for Stately’s editor (npm run machines)', () => {
  it('holds one file per machine and nothing else', () => {
    expect(
      readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual(
      Object.keys(machines)
        .map((id) => `${id}.json`)
        .sort(),
    );
  });

  it.each(Object.keys(generate()))('%s is up to date with its machine', (name) => {
    expect(committed(name), `machines/json/${name} is stale: run npm run machines`).toBe(
      generate()[name],
    );
  });

  it.each(Object.entries(machines))('%s.json has every state of the machine', (id, machine) => {
    const config = JSON.parse(committed(`${id}.json`));
    expect(jsonStateIds(config)).toEqual(stateIds(machine));
    // A new state shows up in the export (e.g. a screen added to the portal).
    expect(stateIds(machine).length).toBeGreaterThan(3);
  });

  it.each(Object.entries(machines))(
    '%s.json is a machine definition xstate builds again, with the same states and events',
    (id, machine) => {
      const again = createMachine(JSON.parse(committed(`${id}.json`)));
      expect(stateIds(again)).toEqual(stateIds(machine));
      const events = (m: AnyStateMachine) => [...new Set(m.events)].sort();
      expect(events(again)).toEqual(events(machine));
    },
  );

  it('keeps named guards and actors by name, and says where code was inline', () => {
    const portail = committed('portail.json');
    expect(portail).toContain('"src": "chargerProfil"');
    expect(portail).toContain('"guard": "motDePasseAChanger"');
    expect(portail).toContain('"filtrage": "chargement"');
    expect(portail).toContain('"type": "plusieursCaf and not in espace.accueil"');
    // Guards with params (the question tree's) keep their params for the editor.
    expect(committed('declaration.json')).toMatch(
      /"type": "reponseMeneA",\s+"params": \{\s+"question": "doubleActivite"/,
    );
    // No guard is inline any more; one that would be is said so, never shown as source.
    expect(guardLabel(() => true)).toBe('inline');
    // Functions never leak as source text.
    for (const id of Object.keys(machines)) expect(committed(`${id}.json`)).not.toMatch(/=>/);
  });
});
