// Shared pieces of the browser journeys: Debian's chromium (never a downloaded browser), one
// browser context per journey, screenshots, axe-core checks and the sign-in steps every user meets.
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { totp } from './totp.mjs';

const require = createRequire(import.meta.url);
// Evaluated over the DevTools protocol: the app's CSP (rightly) refuses injected <script> tags.
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export async function launchBrowser() {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'lvzhi-chromium-')), {
    ...CHROMIUM,
    viewport: { width: 1280, height: 800 },
  });
}

/**
 * A second browser for journeys with several people: each gets a context of their own (own cookies),
 * see `journey.person`. Closed by the journey that launched it.
 */
export async function launchPeopleBrowser() {
  return chromium.launch(CHROMIUM);
}

/**
 * A journey's page and helpers. Each journey starts signed out: the persistent context's cookies
 * are cleared between journeys.
 */
export async function openJourney(context, { name, base, out }) {
  await context.clearCookies();
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  let shots = 0;
  const journey = {
    page,
    base,
    step: (text) => console.log(`  • ${text}`),
    /** A screenshot of `target` (the journey's page unless another person's is given). */
    shot: (label, target = page) =>
      target.screenshot({
        path: join(out, `${name}-${String(++shots).padStart(2, '0')}-${label}.png`),
        fullPage: true,
      }),
    /** A new browser context (own cookies) on `browser` and its page: one person of the journey. */
    async person(browser) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      return context.newPage();
    },
    /**
     * Fails the journey on any serious or critical axe-core violation on the page (the journey's
     * unless another person's is given) as it is now.
     */
    async checkA11y(label, target = page) {
      // Contrast is judged on settled pages, not on dialogs fading in.
      await target.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
      await target.evaluate(AXE_SOURCE);
      const result = await target.evaluate(async () => {
        // Toasts fade out on their own timer, so axe could meet one mid-fade at random and judge a
        // half-transparent colour; their colours are the AA overrides of styles/main.css.
        const r = await axe.run({ exclude: [['.el-message']] }, { resultTypes: ['violations'] });
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          targets: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`),
        }));
      });
      const blocking = result.filter((v) => BLOCKING_IMPACTS.has(v.impact));
      if (blocking.length) {
        await journey.shot(`a11y-${label}`, target);
        const lines = blocking.map((v) => `${v.impact} ${v.id}: ${v.help} @ ${v.targets.join(' | ')}`);
        throw new Error(`axe-core on ${label}:\n    ${lines.join('\n    ')}`);
      }
      journey.step(`axe-core: ${label} has no serious or critical violations`);
    },
  };
  return journey;
}

export async function submitLogin(page, username, password) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** The forced password change of a first sign-in (the session is already restricted to it). */
export async function changeInitialPassword(page, initialPassword, newPassword) {
  await page.waitForURL(/\/account\/password/);
  await page.getByLabel('当前密码').fill(initialPassword);
  await page.getByLabel('新密码', { exact: true }).fill(newPassword);
  await page.getByLabel('确认新密码').fill(newPassword);
  await page.getByRole('button', { name: '提交' }).click();
}

/** Enrols an authenticator (admin roles must); returns its secret. */
export async function enrolAuthenticator(page) {
  await page.waitForURL(/\/account\/mfa/);
  await page.locator('img.qr').waitFor();
  const secret = (await page.locator('.secret-text').textContent()).replace(/\s+/g, '');
  await page.getByLabel('验证码').fill(totp(secret));
  await page.getByRole('button', { name: '完成绑定' }).click();
  await page.getByText('保存恢复码').waitFor();
  await page.getByRole('button', { name: '我已妥善保存' }).click();
  return secret;
}

/** First sign-in of an admin-role account: password change, then the authenticator. */
export async function firstAdminLogin(journey, username, initialPassword, newPassword) {
  const { page, base } = journey;
  await page.goto(`${base}/login`);
  await submitLogin(page, username, initialPassword);
  await changeInitialPassword(page, initialPassword, newPassword);
  return enrolAuthenticator(page);
}

/** Opens an Element Plus select by its accessible name and picks an option. */
export async function choose(page, scope, label, option) {
  await scope
    .locator('.el-select')
    .filter({ has: page.getByLabel(label, { exact: true }) })
    .click();
  await page.getByRole('option', { name: option, exact: true }).click();
}
