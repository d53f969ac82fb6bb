// The browser suite's harness: one headless Chromium (Debian's package) for the whole suite, a
// fresh context per staff member, a screenshot per step, and the checks every page must pass.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { answerWithCurrentCode } from '../../local/console/authenticator-code.js';

/** Where the screenshots go (gitignored): one per step, named by test and step. */
export const SCREENSHOTS = join(process.cwd(), 'test-artifacts', 'browser');

export const CHROMIUM = process.env.WARDEN_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What a staff member's tab saw that it must not: errors, and requests off the loopback. */
export interface Watched {
  page: Page;
  context: BrowserContext;
  consoleErrors: string[];
  offLoopback: string[];
  dialogs: string[];
}

const LOOPBACK = /^(https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/|data:|blob:|about:)/;

export async function watchedPage(browser: Browser): Promise<Watched> {
  const context = await browser.newContext();
  const watched: Watched = {
    context,
    page: await context.newPage(),
    consoleErrors: [],
    offLoopback: [],
    dialogs: [],
  };
  watched.page.setDefaultTimeout(15_000);
  // Anything not on the loopback is refused and remembered: the console may call nothing else.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (LOOPBACK.test(url)) return route.continue();
    watched.offLoopback.push(url);
    return route.abort();
  });
  watched.page.on('console', (m) => {
    if (m.type() === 'error') watched.consoleErrors.push(m.text());
  });
  watched.page.on('pageerror', (e) => watched.consoleErrors.push(e.message));
  // An alert would mean a hostile value ran as script.
  watched.page.on('dialog', (d) => {
    watched.dialogs.push(d.message());
    void d.dismiss();
  });
  return watched;
}

let shot = 0;
export async function screenshot(page: Page, step: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  shot += 1;
  const name = `${String(shot).padStart(2, '0')}-${step.replace(/[^a-z0-9]+/gi, '-')}.png`;
  await page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true });
}

/**
 * Signs in through the local managed-login stand-in: password, then the authenticator code, and
 * once more with the next code if the first ran out on the way (see answerWithCurrentCode).
 */
export async function signIn(
  watched: Watched,
  url: string,
  user: { username: string; password: string },
  totpSecret: string,
): Promise<void> {
  const { page } = watched;
  await page.goto(`${url}/`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const signedIn = page.getByText(`Signed in as ${user.username}`);
  const refused = page.getByText('Incorrect username, password or code.');
  const accepted = await answerWithCurrentCode(totpSecret, async (code) => {
    const errorsBefore = watched.consoleErrors.length;
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel(/6-digit code/).fill(code);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await signedIn.or(refused).waitFor({ timeout: 15_000 });
    if (await signedIn.isVisible()) return true;
    // The refusal page answers 401, which Chromium reports; the refusal itself is judged here.
    watched.consoleErrors.splice(errorsBefore);
    return false;
  }).catch(async (error: Error) => {
    await screenshot(page, `sign-in-failed-${user.username}`);
    throw new Error(`${error.message}\nthe page says: ${await page.locator('body').textContent()}`);
  });
  if (!accepted) {
    await screenshot(page, `sign-in-refused-${user.username}`);
    throw new Error(
      `${user.username} was refused: the password or the authenticator code is wrong`,
    );
  }
}

/** Serious or critical accessibility violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** The staff member's ID token, as the console keeps it in the tab. */
export async function idTokenOf(page: Page): Promise<string> {
  const session = await page.evaluate(() => sessionStorage.getItem('warden.session'));
  return (JSON.parse(session ?? '{}') as { idToken: string }).idToken;
}
