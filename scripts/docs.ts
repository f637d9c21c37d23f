/**
 * Draws each flow's machine as a Mermaid `stateDiagram-v2` into its page of docs/, between
 * `<!-- diagram:start -->` and `<!-- diagram:end -->`: the prose around stays hand-written, the
 * diagram is always the machine's. `npm run docs` writes; `--check` fails when a page is stale
 * (CI also checks it in test/docs/diagrams.test.ts).
 *
 * Drawn from the machine's resolved state nodes (targets resolved, delays and guards named):
 * compound states nest as `state X { }`; a transition is labelled `event [guard]`, a delayed one
 * `after delay (ms)`, an invocation's outcomes `done actor` / `error actor`; an eventless one
 * `[guard]`. Transitions that only update the context (no target) are not drawn. A transition
 * defined on a compound state for all its substates is listed in a note on that state.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { agentMachine } from '../machines/agent.machine.ts';
import { declarationMachine } from '../machines/declaration.machine.ts';
import { portalMachine } from '../machines/portal.machine.ts';
import { sessionMachine } from '../machines/session.machine.ts';
import { guardLabel } from './export-machines.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const docsDir = join(root, 'docs');

export const START = '<!-- diagram:start -->';
export const END = '<!-- diagram:end -->';

/** One page of docs/ and the part of a machine it draws. */
export interface Page {
  file: string;
  machine: AnyStateMachine;
  /** Draw only this state (a path such as `espace`); the states it leads to outside are boxes. */
  focus?: string;
  /** Compound states drawn as one box (path → what to say in it, e.g. the page that draws it). */
  collapse?: Record<string, string>;
}

export const pages: Page[] = [
  { file: 'acces.md', machine: portalMachine, collapse: { espace: 'see espace.md' } },
  { file: 'espace.md', machine: portalMachine, focus: 'espace' },
  {
    file: 'certificat.md',
    machine: declarationMachine,
    collapse: { questions: 'see changement.md' },
  },
  {
    file: 'changement.md',
    machine: declarationMachine,
    collapse: {
      saisie: 'see certificat.md',
      recapitulatif: 'see certificat.md',
      fin: 'see certificat.md',
    },
  },
  { file: 'session.md', machine: sessionMachine },
  { file: 'agent.md', machine: agentMachine },
];

/** Mermaid reads `#`, `;`, `:` and `&` itself: keep them out of the text it shows. */
const texte = (s: string) =>
  s.replace(/#/g, '').replace(/[;:]/g, ',').replace(/&/g, 'and').replace(/"/g, "'");

/** `portail.espace.accueil` → `espace_accueil` (Mermaid's ids are global to the diagram). */
const mermaidId = (node: AnyStateNode) => node.path.join('_') || 'root';

function delayLabel(machine: AnyStateMachine, delay: unknown): string {
  if (typeof delay === 'number') return `after ${delay} ms`;
  const value = (machine.implementations.delays as Record<string, unknown>)[String(delay)];
  return typeof value === 'number' ? `after ${delay} (${value} ms)` : `after ${delay}`;
}

/** What an invocation is called in the labels: its actor's name. */
function actorName(node: AnyStateNode, id: string): string | undefined {
  for (let n: AnyStateNode | undefined = node; n; n = n.parent) {
    const inv = n.invoke.find((i) => i.id === id);
    if (inv) return typeof inv.src === 'string' ? inv.src : inv.id;
  }
  return undefined;
}

function transitionLabel(
  machine: AnyStateMachine,
  t: { eventType: string; guard?: unknown; delay?: unknown; source: AnyStateNode },
): string {
  let event = t.eventType;
  const done = /^xstate\.(done|error)\.actor\.(.+)$/.exec(event);
  if (done) event = `${done[1]} ${actorName(t.source, done[2]) ?? done[2]}`;
  else if (t.delay !== undefined) event = delayLabel(machine, t.delay);
  const guard = t.guard === undefined ? '' : `[${guardLabel(t.guard)}]`;
  return texte([event, guard].filter(Boolean).join(' '));
}

const isWithin = (node: AnyStateNode, ancestor: AnyStateNode) => {
  for (let n: AnyStateNode | undefined = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
};

function stateByPath(machine: AnyStateMachine, path: string): AnyStateNode {
  let node: AnyStateNode = machine.root;
  for (const key of path.split('.')) {
    const next = node.states[key];
    if (!next) throw new Error(`docs: ${machine.id} has no state ${path} (edit scripts/docs.ts)`);
    node = next;
  }
  return node;
}

/** The Mermaid text of one page's diagram. */
export function diagram(page: Page): string {
  const { machine } = page;
  const focus = page.focus ? stateByPath(machine, page.focus) : machine.root;
  const collapsed = new Map(
    Object.entries(page.collapse ?? {}).map(([path, note]) => [stateByPath(machine, path), note]),
  );

  /** The box a state is drawn in: itself, its collapsed ancestor, or the outside state. */
  const drawnAs = (node: AnyStateNode): AnyStateNode => {
    if (!isWithin(node, focus)) {
      // Outside the focus: the outermost state containing it, one box.
      let n = node;
      while (n.parent && n.parent !== machine.root) n = n.parent;
      return n;
    }
    let box = node;
    for (let n: AnyStateNode | undefined = node; n && n !== focus; n = n.parent)
      if (collapsed.has(n)) box = n;
    return box;
  };

  const lines: string[] = ['stateDiagram-v2'];
  const outside = new Set<AnyStateNode>();
  /** Edges by the box (compound or root) whose block they are written in, labels by arrow. */
  const edges = new Map<AnyStateNode, Map<string, string[]>>();
  const notes = new Map<AnyStateNode, string[]>();

  const edgeBlock = (a: AnyStateNode, b: AnyStateNode): AnyStateNode => {
    // The innermost drawn compound containing both ends (Mermaid lays it out inside).
    for (let n: AnyStateNode | undefined = a.parent; n; n = n.parent)
      if (isWithin(b, n) && n !== b) return isWithin(n, focus) ? n : machine.root;
    return machine.root;
  };

  /** `node` itself, or its ancestor drawn directly in `block`. */
  const liftTo = (node: AnyStateNode, block: AnyStateNode) => {
    let n = node;
    while (n.parent && n.parent !== block && !(block === machine.root && n === focus)) n = n.parent;
    return n;
  };

  const addEdge = (source: AnyStateNode, target: AnyStateNode, text: string) => {
    const block =
      isWithin(source, focus) && isWithin(target, focus) ? edgeBlock(source, target) : machine.root;
    // Mermaid lays out an arrow across a compound's border badly: it joins the boxes drawn in the
    // same block, and the label says which substate it leaves or enters.
    const from = liftTo(source, block);
    const to = liftTo(target, block);
    const label = [
      from !== source ? `(${source.key})` : '',
      text,
      to !== target ? `→ ${target.key}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    const arrows = edges.get(block) ?? new Map<string, string[]>();
    // One arrow per pair of states, its labels joined (« done x / error x »).
    const arrow = `${mermaidId(from)} --> ${mermaidId(to)}`;
    const labels = arrows.get(arrow) ?? [];
    if (!labels.includes(label)) labels.push(label);
    arrows.set(arrow, labels);
    edges.set(block, arrows);
  };

  const visit = (node: AnyStateNode) => {
    const transitions = [...node.transitions.values()].flat().concat(node.always ?? []);
    for (const t of transitions) {
      if (!t.target?.length) continue;
      const label = transitionLabel(machine, t);
      for (const target of t.target) {
        const from = drawnAs(node);
        const to = drawnAs(target);
        const inFocus = isWithin(node, focus);
        if (!inFocus && !isWithin(target, focus)) continue;
        if (!inFocus) outside.add(from);
        if (!isWithin(target, focus)) outside.add(to);
        if (from === to && from !== node) continue; // inside a collapsed box
        if (node.type !== 'atomic' && node === from && isWithin(target, node)) {
          if (collapsed.has(node)) continue; // its own page says it
          // Defined on a compound for all its substates: Mermaid cannot draw it, say it.
          const list = notes.get(node) ?? [];
          list.push(
            `${label} → ${target === node ? 'restarts' : target.path.slice(node.path.length).join('.')}`,
          );
          notes.set(node, list);
          continue;
        }
        addEdge(from, to, label);
      }
    }
    for (const child of Object.values(node.states)) visit(child);
  };

  // Transitions of the root apply in every state: said under the diagram, not drawn.
  const everywhere: string[] = [];
  for (const t of [...machine.root.transitions.values()].flat()) {
    if (!t.target?.length) continue;
    everywhere.push(
      `- in every state, \`${transitionLabel(machine, t)}\` → \`${t.target.map((n) => n.path.join('.')).join(', ')}\``,
    );
  }
  for (const child of Object.values(machine.root.states)) visit(child);

  const describe = (node: AnyStateNode, indent: string) => {
    const id = mermaidId(node);
    const label = node.type === 'history' ? 'H' : node.key;
    const children = Object.values(node.states);
    const open = !collapsed.has(node) && children.length > 0;
    if (open) {
      lines.push(`${indent}state "${label}" as ${id} {`);
      drawChildren(node, indent + '  ');
      lines.push(`${indent}}`);
    } else {
      lines.push(`${indent}state "${label}" as ${id}`);
    }
    for (const inv of node.invoke)
      lines.push(`${indent}${id} : invoke ${typeof inv.src === 'string' ? inv.src : inv.id}`);
    if (node.type === 'history') lines.push(`${indent}${id} : history`);
    const note = collapsed.get(node);
    if (note) lines.push(`${indent}${id} : ${texte(note)}`);
    const list = notes.get(node);
    if (list) {
      lines.push(`${indent}note right of ${id}`);
      for (const l of list) lines.push(`${indent}  ${l}`);
      lines.push(`${indent}end note`);
    }
    if (node.type === 'final') lines.push(`${indent}${id} --> [*]`);
  };

  const drawEdges = (block: AnyStateNode, indent: string) => {
    for (const [arrow, labels] of edges.get(block) ?? []) {
      const label = labels.filter(Boolean).join(' / ');
      lines.push(`${indent}${arrow}${label ? ` : ${label}` : ''}`);
    }
  };

  const drawChildren = (node: AnyStateNode, indent: string) => {
    const initial = node.initial?.target?.[0];
    if (initial) lines.push(`${indent}[*] --> ${mermaidId(initial)}`);
    for (const child of Object.values(node.states)) describe(child, indent);
    drawEdges(node, indent);
  };

  if (focus === machine.root) {
    drawChildren(machine.root, '  ');
  } else {
    describe(focus, '  ');
    for (const node of outside) lines.push(`  state "${node.key}" as ${mermaidId(node)}`);
    drawEdges(machine.root, '  ');
  }

  const title = page.focus ? `${machine.id}.${page.focus}` : machine.id;
  return [
    START,
    `<!-- generated by \`npm run docs\` from machine \`${title}\`: do not edit between these markers -->`,
    '',
    '```mermaid',
    ...lines,
    '```',
    ...(everywhere.length ? ['', ...everywhere] : []),
    '',
    END,
  ].join('\n');
}

/** The page with its diagram replaced; the page must hold the two markers. */
export function withDiagram(text: string, page: Page): string {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start)
    throw new Error(`docs/${page.file}: add ${START} and ${END} where the diagram goes`);
  return text.slice(0, start) + diagram(page) + text.slice(end + END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let stale = false;
  for (const page of pages) {
    const path = join(docsDir, page.file);
    if (!existsSync(path)) throw new Error(`docs/${page.file} is missing`);
    const text = readFileSync(path, 'utf8');
    const next = withDiagram(text, page);
    if (next === text) continue;
    if (check) {
      console.error(`stale: docs/${page.file} (run npm run docs)`);
      stale = true;
    } else {
      writeFileSync(path, next);
      console.log(`docs/${page.file} updated`);
    }
  }
  if (stale) process.exit(1);
  console.log(check ? 'docs diagrams are up to date' : 'docs diagrams written');
}
