/**
 * Exports each machine's definition as JSON to machines/json/<id>.json, so an analyst can open it
 * in Stately's visual editor without running the app (README, « The machines live »).
 * `npm run machines` writes the files; `--check` fails when they are stale (CI also
 * checks it in test/docs/machines.test.ts); `--print <id>` prints the code to paste in Stately.
 *
 * What is exported is `machine.config`, the object given to `createMachine()`: the same
 * definition @statelyai/inspect sends to the Stately inspector, and the shape Stately's « Import »
 * reads. `machine.toJSON()` gives the resolved definition instead (initial as a transition, every
 * transition listed twice, with `order` and `source`): good for tools, not for the editor.
 * Code cannot be data: named guards, actions and actors stay names; an inline guard or action
 * becomes `{ "type": "inline" }`; the functions computing context, input and output are left out.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnyStateMachine } from 'xstate';
import { agentMachine } from '../machines/agent.machine.ts';
import { declarationMachine } from '../machines/declaration.machine.ts';
import { portalMachine } from '../machines/portal.machine.ts';
import { sessionMachine } from '../machines/session.machine.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const outDir = join(root, 'machines/json');

/** Every machine of the product, by the id it gives itself (`createMachine({ id })`). */
export const machines: Record<string, AnyStateMachine> = Object.fromEntries(
  [portalMachine, declarationMachine, sessionMachine, agentMachine].map((m) => [m.id, m]),
);

/** A guard as people read it: `plusieursCaf`, `issue(fiche)`, `not plusieursCaf`, `a and b`. */
export function guardLabel(guard: unknown): string {
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    // xstate's higher-order guards keep what they combine on the function itself.
    const g = guard as {
      name: string;
      guards?: unknown[];
      stateValue?: unknown;
    };
    if (g.name === 'not' && g.guards) return `not ${guardLabel(g.guards[0])}`;
    if (g.name === 'and' && g.guards) return g.guards.map(guardLabel).join(' and ');
    if (g.name === 'or' && g.guards) return g.guards.map(guardLabel).join(' or ');
    if (g.name === 'stateIn') return `in ${String(g.stateValue).replace(/^#[^.]+\./, '')}`;
    return 'inline';
  }
  if (guard && typeof guard === 'object' && 'type' in guard) {
    const { type, params } = guard as { type: string; params?: unknown };
    if (params === undefined || typeof params === 'function') return type;
    // `reponseMeneA(doubleActivite, debutDouble)`: the values say enough in a diagram's label.
    const values = typeof params === 'object' && params !== null ? Object.values(params) : [params];
    return `${type}(${values.map(String).join(', ')})`;
  }
  return String(guard);
}

/** Function-valued keys that compute data at run time: nothing an editor can show. */
const computed = new Set(['context', 'input', 'output']);

function replacer(this: unknown, key: string, value: unknown): unknown {
  if (typeof value !== 'function') return value;
  if (computed.has(key) || key === 'params') return undefined;
  if (key === 'guard') return { type: guardLabel(value) };
  // Built-in actions (assign, raise…) carry their type; anything else is inline code.
  const type = (value as { type?: unknown }).type;
  return { type: typeof type === 'string' ? type : 'inline' };
}

/** The JSON text of one machine's definition. */
export function machineJson(machine: AnyStateMachine): string {
  return JSON.stringify(machine.config, replacer, 2) + '\n';
}

/** The files of machines/json, by name. */
export function generate(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(machines).map(([id, machine]) => [`${id}.json`, machineJson(machine)]),
  );
}

/** What to paste in Stately's « Import » (it reads `createMachine({ … })` code). */
export function codeStately(id: string): string {
  const machine = machines[id];
  if (!machine) throw new Error(`no machine ${id}: ${Object.keys(machines).join(', ')}`);
  return `createMachine(${machineJson(machine).trimEnd()});\n`;
}

const print = process.argv.indexOf('--print');
if (process.argv[1] === fileURLToPath(import.meta.url) && print > 0) {
  process.stdout.write(codeStately(process.argv[print + 1] ?? ''));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = generate();
  const check = process.argv.includes('--check');
  mkdirSync(outDir, { recursive: true });
  let stale = false;
  for (const [name, text] of Object.entries(files)) {
    const path = join(outDir, name);
    if (check) {
      if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
        console.error(`stale: machines/json/${name} (run npm run machines)`);
        stale = true;
      }
    } else writeFileSync(path, text);
  }
  // A machine that no longer exists must not leave its old definition behind.
  for (const name of readdirSync(outDir).filter((f) => f.endsWith('.json') && !(f in files))) {
    if (check) {
      console.error(`stale: machines/json/${name} has no machine (run npm run machines)`);
      stale = true;
    } else rmSync(join(outDir, name));
  }
  if (stale) process.exit(1);
  console.log(
    check
      ? 'machines/json is up to date'
      : `machines/json written: ${Object.keys(files).join(', ')}`,
  );
}
