// Browser journey: the first login of an admin (forced password change, authenticator enrolment,
// recovery codes), the home page, the committees screen, and the phone layout.
// usage: node e2e/first-login.mjs BASE_URL USERNAME INITIAL_PASSWORD [OUT_DIR]
// Drives Debian's chromium (never a downloaded browser).
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { totp } from './totp.mjs';

const [
  base = 'http://127.0.0.1:18181',
  username = 'admin',
  initialPassword = 'Start#Lvzhi-2026',
  out = 'test-output',
] = process.argv.slice(2);
const newPassword = 'Lvzhi#Web-2026-new';
mkdirSync(out, { recursive: true });

const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'lvzhi-chromium-')), {
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
  viewport: { width: 1280, height: 800 },
});
const page = browser.pages()[0] ?? (await browser.newPage());
const shot = (name) => page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
const step = (text) => console.log(`• ${text}`);

try {
  step('unauthenticated /committees goes to /login with redirect');
  await page.goto(`${base}/committees`);
  await page.waitForURL(/\/login\?redirect=(%2F|\/)committees/);

  step('wrong password shows the server message');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('wrong-password');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByText('用户名或密码错误').waitFor();

  step('first login → forced password change');
  await page.getByLabel('密码').fill(initialPassword);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/account\/password/);
  await page.getByLabel('当前密码').fill(initialPassword);
  await page.getByLabel('新密码', { exact: true }).fill('short');
  await page.getByLabel('确认新密码').fill('short');
  await page.getByRole('button', { name: '提交' }).click();
  await page.locator('.el-form-item__error').first().waitFor();
  step(`server field error shown: ${await page.locator('.el-form-item__error').first().textContent()}`);
  await shot('01-password-field-error');
  await page.getByLabel('新密码', { exact: true }).fill(newPassword);
  await page.getByLabel('确认新密码').fill(newPassword);
  await page.getByRole('button', { name: '提交' }).click();

  step('→ authenticator enrolment');
  await page.waitForURL(/\/account\/mfa/);
  await page.locator('img.qr').waitFor();
  const secret = (await page.locator('.secret-text').textContent()).replace(/\s+/g, '');
  await shot('02-mfa-enroll');
  await page.getByLabel('验证码').fill(totp(secret));
  await page.getByRole('button', { name: '完成绑定' }).click();
  await page.getByText('保存恢复码').waitFor();
  const codes = await page.locator('.codes li').count();
  if (codes !== 10) throw new Error(`expected 10 recovery codes, got ${codes}`);
  await shot('03-recovery-codes');
  await page.getByRole('button', { name: '我已妥善保存' }).click();

  step('→ the page first asked for (/committees)');
  await page.waitForURL(/\/committees$/);
  await page.getByRole('heading', { name: '政协委员会' }).waitFor();

  step('create a committee; a duplicate name shows the field error');
  for (const name of ['北京市政协', '北京市政协']) {
    await page.getByRole('button', { name: '新建' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill(name);
    await dialog.getByRole('button', { name: '保存' }).click();
  }
  await page.getByRole('dialog').getByText('已有同名的政协委员会').waitFor();
  await shot('04-committee-duplicate');
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  await page.getByRole('cell', { name: '北京市政协' }).waitFor();
  await shot('05-committees');

  step('home page with name and role');
  await page.goto(`${base}/`);
  await page.getByText('管理员，您好').waitFor();
  await page.getByText('系统管理员').first().waitFor();
  await shot('06-home');

  step('unknown page → 404');
  await page.goto(`${base}/no-such-page`);
  await page.locator('.el-result__title', { hasText: '页面不存在' }).waitFor();

  step('phone width: the menu is a drawer');
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(`${base}/`);
  await page.getByText('管理员，您好').waitFor();
  await shot('08-home-375');
  await page.getByRole('button', { name: '菜单', exact: true }).click();
  await page.locator('.el-drawer .el-menu-item', { hasText: '政协委员会' }).click();
  await page.waitForURL(/\/committees$/);
  await page.getByRole('cell', { name: '北京市政协' }).waitFor();
  await page.locator('.el-drawer').waitFor({ state: 'hidden' });
  await shot('09-committees-375');

  step('English');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: /^语言/ }).click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Committees' }).waitFor();
  await shot('10-committees-en');
  await page.getByRole('button', { name: /^Language/ }).click();
  await page.getByRole('menuitem', { name: '简体中文' }).click();

  step('logout → login; sign in again with the second factor');
  await page.getByRole('button', { name: '管理员' }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.waitForURL(/\/login/);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(newPassword);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/login\/mfa/);
  await shot('11-mfa-verify');
  // The code just used for enrolment may not be reused: wait for the next time step.
  await page.waitForTimeout((30 - (Math.floor(Date.now() / 1000) % 30) + 1) * 1000);
  await page.getByLabel('验证码').fill(totp(secret));
  await page.getByRole('button', { name: '验证' }).click();
  await page.getByText('管理员，您好').waitFor();
  step('done');
  console.log('1 passed, 0 failed');
} catch (error) {
  await shot('failure').catch(() => undefined);
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
} finally {
  await browser.close();
}
