/**
 * axe-core in a page driven by playwright-core, with no test runner: the browser suite, the story
 * suite and the screenshot script (a plain tsx script) check with the same rules.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core's browser build, injected into a page to check it (RGAA 4.1 / WCAG 2.1 AA). */
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** The success criteria checked: WCAG 2.0 and 2.1, levels A and AA (RGAA 4.1 maps onto them). */
export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * The axe-core violations of what the page shows now, one readable line per rule and node.
 * Waits for finite animations (dialogs fading in) to end, so colours are measured as seen.
 */
export async function violationsAxe(page: Page): Promise<string[]> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity,
      ),
  );
  // Evaluated through the DevTools protocol, not as a <script> tag: a CSP cannot block it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${axeSource};0`);
  return page.evaluate(async (tags) => {
    type Resultat = {
      id: string;
      impact: string;
      help: string;
      nodes: { target: string[]; failureSummary?: string }[];
    };
    const axe = (
      window as unknown as {
        axe: { run(c: unknown, o: unknown): Promise<{ violations: Resultat[] }> };
      }
    ).axe;
    // Not checked: react-aria's off-screen live announcer. A pending button (« Se connecter »…)
    // announces itself there with <div role="img" aria-labelledby="its id">, kept 7 s; when the
    // next screen replaces the button the reference dangles and axe reports role-img-alt,
    // though the message was already spoken and nothing is shown. Our own live regions (error
    // summary, notices, the session countdown) are in the page and checked.
    const contexte = { exclude: [['[data-live-announcer]']] };
    // Violations only: the passes' and the incompletes' details are not computed (faster).
    const { violations } = await axe.run(contexte, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return violations.flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}: ${v.help}) at ${n.target.join(' ')} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)}`,
      ),
    );
  }, axeTags);
}
