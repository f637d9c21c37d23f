/**
 * Full-page screenshot of a URL with Debian's chromium:
 *   npx tsx scripts/screenshot.ts <url> <out.png> [width]
 * Optional env: SCREENSHOT_ACTION=tab:<n> presses Tab n times first (to see focus rings),
 * SCREENSHOT_CLICK=<text> clicks the button with that name first (to see a dialog, errors),
 * SCREENSHOT_PART=<y>:<height> shoots only that band of the page instead of the full page.
 */
import { launchChromium } from './chromium.ts';

const [url, out, widthArg] = process.argv.slice(2);
if (!url || !out) {
  console.error('Usage : npx tsx scripts/screenshot.ts <url> <out.png> [largeur]');
  process.exit(2);
}
const width = Number(widthArg ?? 1280);

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width, height: 800 }, locale: 'fr-FR' });
  page.on('pageerror', (error) => console.error('Erreur dans la page :', error.message));
  await page.goto(url, { waitUntil: 'networkidle' });
  const click = process.env.SCREENSHOT_CLICK;
  if (click) await page.getByRole('button', { name: click, exact: true }).first().click();
  const tabs = /^tab:(\d+)$/.exec(process.env.SCREENSHOT_ACTION ?? '');
  if (tabs) for (let i = 0; i < Number(tabs[1]); i++) await page.keyboard.press('Tab');
  await page.waitForTimeout(300);
  const part = /^(\d+):(\d+)$/.exec(process.env.SCREENSHOT_PART ?? '');
  const clip = part ? { x: 0, y: Number(part[1]), width, height: Number(part[2]) } : undefined;
  await page.screenshot({ path: out, fullPage: true, clip });
  console.log(`${out} (${width} px)`);
} finally {
  await browser.close();
}
