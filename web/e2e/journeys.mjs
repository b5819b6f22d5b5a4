// Browser journeys of the web app foundation, run by e2e/run.sh against a real `lvzhi serve` on a
// fresh database that holds three admin accounts created by the CLI (sysadmin, secadmin, auditor)
// and the demo committee (`lvzhi seed demo`, whose accounts run.sh passes in LVZHI_E2E_ACCOUNTS).
// The proposal journeys give each person a browser context of their own.
// Each journey checks its pages with axe-core and leaves screenshots in OUT_DIR.
// usage: node e2e/journeys.mjs BASE_URL OUT_DIR
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INITIAL_PASSWORD } from './accounts.mjs';
import {
  changeInitialPassword,
  choose,
  firstAdminLogin,
  launchBrowser,
  launchPeopleBrowser,
  openJourney,
  submitLogin,
} from './lib.mjs';
import { totp } from './totp.mjs';

const [base = 'http://127.0.0.1:18181', out = 'test-output'] = process.argv.slice(2);
mkdirSync(out, { recursive: true });

/** What one journey leaves for the next (the staff user the admin creates). */
const state = {
  staff: { username: 'zhangwei', name: '张伟', oneTimePassword: '', password: 'Zhang#Wei-2026-x' },
};

/** A roster .xlsx with the import template's header and these rows (see roster-xlsx.py). */
function rosterFile(name, rows) {
  const dir = process.env.LVZHI_E2E_WORK ?? out;
  const json = join(dir, `${name}.json`);
  const file = join(dir, `${name}.xlsx`);
  writeFileSync(json, JSON.stringify(rows));
  execFileSync('python3', [join(dirname(fileURLToPath(import.meta.url)), 'roster-xlsx.py'), file, json]);
  return file;
}

const rosterRow = (no, name, gender) => [
  no,
  name,
  gender,
  '汉族',
  '1970-01-31',
  '中共',
  '经济界',
  '天河某科技公司',
  '总经理',
  '否',
  '否',
  '提案委员会',
  '第一委员小组',
  '13800009999',
  '',
  '',
];

/** The demo accounts run.sh read from the seed: username → {password, name}; `member` → the shared password. */
function seedAccounts() {
  const accounts = {};
  for (const line of (process.env.LVZHI_E2E_ACCOUNTS ?? '').split('\n')) {
    const [username, password, name = ''] = line.trim().split(/\s+/);
    if (username && password) accounts[username] = { password, name };
  }
  return accounts;
}

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (text) => new RegExp(`^\\s*${escapeRegex(text)}\\s*$`);

/** Yesterday in the committee's time zone (a contact date must not be in the future). */
function yesterdayShanghai() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() - 86400000),
  );
}

/** A small but real PDF (the server checks that the content matches the extension). */
function pdfFile(name) {
  const dir = mkdtempSync(join(process.env.LVZHI_E2E_WORK ?? tmpdir(), 'upload-'));
  const file = join(dir, name);
  writeFileSync(
    file,
    [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
      'trailer << /Root 1 0 R >>',
      '%%EOF',
      '',
    ].join('\n'),
  );
  return file;
}

/** Signs in through the login page (demo accounts need no password change) and waits for the home page. */
async function signIn(page, username, password) {
  await page.goto(`${base}/login`);
  await submitLogin(page, username, password);
  await page.getByRole('heading', { level: 1, name: /，您好$/ }).waitFor();
}

/** From the menu to the proposal list, one of its queue tabs, and the proposal with this title. */
async function openFromQueue(page, queue, title) {
  await page.getByRole('menuitem', { name: '提案', exact: true }).click();
  await page.waitForURL(/\/proposals(\?|$)/);
  await page.getByRole('tab', { name: new RegExp(`^\\s*${escapeRegex(queue)}`) }).click();
  await page.getByRole('link', { name: title, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

/** The proposal's state tag on its detail page reads `state`. */
function waitState(page, state) {
  return page.locator('.proposal-head [data-test="state-tag"]', { hasText: exactly(state) }).waitFor();
}

/** The card of a unit's assignment on the detail page. */
function assignmentCard(page, unit) {
  return page
    .locator('[data-test="assignment"]')
    .filter({ has: page.getByRole('heading', { name: unit, exact: true }) });
}

async function sameButtons(scope, expected, where) {
  const shown = (await scope.getByRole('button').allInnerTexts()).map((t) => t.trim()).sort();
  const wanted = [...expected].sort();
  if (JSON.stringify(shown) !== JSON.stringify(wanted)) {
    throw new Error(`${where}: buttons ${JSON.stringify(shown)}, expected ${JSON.stringify(wanted)}`);
  }
}

/** The proposal's action bar offers exactly these actions (none: no bar at all). */
async function expectProposalActions(page, expected, where) {
  const bar = page.getByRole('toolbar', { name: '可执行的操作' });
  if (!expected.length) {
    if ((await bar.count()) !== 0) await sameButtons(bar, [], where);
    return;
  }
  await bar.waitFor();
  await sameButtons(bar, expected, where);
}

/** A unit's assignment card offers exactly these actions. */
async function expectAssignmentActions(page, unit, expected, where) {
  const bar = assignmentCard(page, unit).locator('[data-test="assignment-actions"]');
  if (!expected.length) {
    if ((await bar.count()) !== 0) await sameButtons(bar, [], where);
    return;
  }
  await bar.waitFor();
  await sameButtons(bar, expected, where);
}

/** Clicks an action in `scope`, lets `fill` complete its dialog, confirms and waits for it to close. */
async function act(page, scope, action, fill = async () => undefined) {
  await scope.getByRole('button', { name: action, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: new RegExp(`^${escapeRegex(action)}`) });
  await dialog.waitFor();
  await fill(dialog);
  await dialog.getByRole('button', { name: action, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  return dialog;
}

/** An Element Plus radio by its text (the input itself sits under its label). */
function radio(scope, text) {
  return scope
    .locator('label.el-radio')
    .filter({ hasText: exactly(text) })
    .click();
}

/** Picks the options of a multiple select, then closes its list by clicking `away`. */
async function chooseMany(page, scope, label, options, away) {
  await scope
    .locator('.el-select')
    .filter({ has: page.getByLabel(label, { exact: true }) })
    .click();
  // Another select's list may still be fading out: take the options of this one.
  const list = page.getByRole('listbox', { name: label, exact: true });
  for (const option of options) await list.getByRole('option', { name: option, exact: true }).click();
  await away.click();
  await list.waitFor({ state: 'hidden' });
}

/**
 * A screenshot of the whole page: the layout scrolls inside #main, so the viewport is made as tall as
 * its content for the moment of the shot.
 */
async function tallShot(j, label, page) {
  const size = page.viewportSize();
  const height = await page.evaluate(() => {
    const main = document.querySelector('#main');
    return main ? main.scrollHeight + main.getBoundingClientRect().top : document.body.scrollHeight;
  });
  await page.setViewportSize({
    width: size.width,
    height: Math.ceil(Math.min(Math.max(height, size.height), 8000)),
  });
  try {
    await j.shot(label, page);
  } finally {
    await page.setViewportSize(size);
  }
}

/** The unit's reply: class, text and the contact record, then 提交答复签发. */
function replyFiller(page, text) {
  return async (dialog) => {
    await choose(page, dialog, '答复类别', 'A 所提问题已经解决或基本解决');
    await dialog.getByLabel('答复内容').fill(text);
    await choose(page, dialog, '沟通方式', '面谈');
    await dialog.getByLabel('沟通情况').fill('与提案人面谈，听取意见');
    const date = dialog.getByLabel('沟通日期', { exact: true });
    await date.fill(yesterdayShanghai());
    await date.press('Enter');
  };
}

const journeys = [
  {
    name: 'admin-first-login',
    title: 'first login of the admin → forced change → enrolment → committees → create a staff user',
    async run(j) {
      const { page, step, shot, checkA11y } = j;
      const newPassword = 'Lvzhi#Web-2026-new';

      step('unauthenticated /committees goes to /login with redirect');
      await page.goto(`${base}/committees`);
      await page.waitForURL(/\/login\?redirect=(%2F|\/)committees/);
      await checkA11y('login');

      step('wrong password shows the server message');
      await submitLogin(page, 'admin', 'wrong-password');
      await page.getByText('用户名或密码错误').waitFor();

      step('first login → forced password change; a weak password gets the server field error');
      await page.getByLabel('密码').fill(INITIAL_PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL(/\/account\/password/);
      await page.getByLabel('当前密码').fill(INITIAL_PASSWORD);
      await page.getByLabel('新密码', { exact: true }).fill('short');
      await page.getByLabel('确认新密码').fill('short');
      await page.getByRole('button', { name: '提交' }).click();
      await page.locator('.el-form-item__error').first().waitFor();
      await checkA11y('password-change');
      await shot('password-field-error');
      await changeInitialPassword(page, INITIAL_PASSWORD, newPassword);

      step('→ authenticator enrolment with 10 recovery codes');
      await page.waitForURL(/\/account\/mfa/);
      await page.locator('img.qr').waitFor();
      await checkA11y('mfa-enrol');
      const secret = (await page.locator('.secret-text').textContent()).replace(/\s+/g, '');
      await page.getByLabel('验证码').fill(totp(secret));
      await page.getByRole('button', { name: '完成绑定' }).click();
      await page.getByText('保存恢复码').waitFor();
      const codes = await page.locator('.codes li').count();
      if (codes !== 10) throw new Error(`expected 10 recovery codes, got ${codes}`);
      await shot('recovery-codes');
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
      await checkA11y('committee-dialog');
      await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      await page.getByRole('cell', { name: '北京市政协' }).waitFor();
      await checkA11y('committees');

      step('create a staff user; the one-time password is shown once');
      await page.getByRole('menuitem', { name: '用户管理' }).click();
      await page.waitForURL(/\/users$/);
      await page.getByRole('button', { name: '新建' }).click();
      const dialog = page.getByRole('dialog', { name: '新建用户' });
      await dialog.getByLabel('用户名').fill(state.staff.username);
      await dialog.getByLabel('姓名').fill(state.staff.name);
      await choose(page, dialog, '角色', '机关工作人员');
      await page.keyboard.press('Escape'); // closes the option list, not the dialog
      await page.getByRole('listbox').waitFor({ state: 'hidden' });
      await checkA11y('user-create-dialog');
      await dialog.getByRole('button', { name: '保存' }).click();
      const secretBox = page.locator('[data-test="one-time-password"]');
      await secretBox.waitFor();
      state.staff.oneTimePassword = (await secretBox.textContent()).trim();
      if (state.staff.oneTimePassword.length < 10) throw new Error('no one-time password shown');
      await checkA11y('one-time-password');
      await page
        .getByRole('dialog', { name: '初始密码' })
        .getByRole('button', { name: '关闭', exact: true })
        .click();
      // The demo committee's 356 accounts come first: find the new one by name.
      await page.getByPlaceholder('姓名或用户名').fill(state.staff.username);
      await page.getByPlaceholder('姓名或用户名').press('Enter');
      await page.getByRole('cell', { name: state.staff.username, exact: true }).waitFor();
      await checkA11y('users');
      await shot('users');

      step('home page with name and role; unknown page → 404');
      await page.goto(`${base}/`);
      await page.getByText('管理员，您好').waitFor();
      await page.getByText('系统管理员').first().waitFor();
      await checkA11y('home');
      await page.goto(`${base}/no-such-page`);
      await page.locator('.el-result__title', { hasText: '页面不存在' }).waitFor();
      await checkA11y('not-found');

      step('phone width: the menu is a drawer');
      await page.setViewportSize({ width: 375, height: 740 });
      await page.goto(`${base}/`);
      await page.getByText('管理员，您好').waitFor();
      await checkA11y('home-375');
      await page.getByRole('button', { name: '菜单', exact: true }).click();
      await page.locator('.el-drawer .el-menu-item', { hasText: '政协委员会' }).click();
      await page.waitForURL(/\/committees$/);
      await page.getByRole('cell', { name: '北京市政协' }).waitFor();
      await page.locator('.el-drawer').waitFor({ state: 'hidden' });
      await checkA11y('committees-375');
      await shot('committees-375');

      step('English');
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.getByRole('button', { name: /^语言/ }).click();
      await page.getByRole('menuitem', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Committees' }).waitFor();
      await shot('committees-en');
      await page.getByRole('button', { name: /^Language/ }).click();
      await page.getByRole('menuitem', { name: '简体中文' }).click();

      step('logout → login; sign in again with the second factor');
      await page.getByRole('button', { name: '管理员' }).click();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      await page.waitForURL(/\/login/);
      await submitLogin(page, 'admin', newPassword);
      await page.waitForURL(/\/login\/mfa/);
      await checkA11y('mfa-verify');
      // The code just used for enrolment may not be reused: wait for the next time step.
      await page.waitForTimeout((30 - (Math.floor(Date.now() / 1000) % 30) + 1) * 1000);
      await page.getByLabel('验证码').fill(totp(secret));
      await page.getByRole('button', { name: '验证' }).click();
      await page.getByText('管理员，您好').waitFor();
      await shot('home');
    },
  },
  {
    name: 'auditor-finds-user',
    title: 'the auditor finds the creation of the staff user in the audit log',
    async run(j) {
      const { page, step, shot, checkA11y } = j;
      step('first login of the auditor (password change, authenticator)');
      await firstAdminLogin(j, 'auditor', INITIAL_PASSWORD, 'Audit#Lvzhi-2026-x');
      await page.getByText('审计员，您好').waitFor();

      step('audit log filtered by action user.create');
      await page.getByRole('menuitem', { name: '审计日志' }).click();
      await page.waitForURL(/\/audit$/);
      await page.getByLabel('操作', { exact: true }).fill('user.create');
      await page.getByRole('button', { name: '搜索' }).click();
      const row = page.getByRole('row').filter({ hasText: 'admin' }).filter({ hasText: 'user.create' });
      await row.first().waitFor();
      await checkA11y('audit');

      step('the row shows who created whom, with the changed fields');
      await row.first().getByRole('button', { name: '详情' }).click();
      const details = page.getByRole('dialog', { name: '审计记录详情' });
      await details.getByText(state.staff.username).first().waitFor();
      await details.getByText('staff').first().waitFor();
      await checkA11y('audit-details');
      await shot('audit-details');
    },
  },
  {
    name: 'lockout-unlock',
    title: 'the staff user is locked out after failed logins and unlocked by the secadmin',
    async run(j) {
      const { page, step, shot, checkA11y } = j;
      const { staff } = state;
      step('five wrong passwords lock the account');
      await page.goto(`${base}/login`);
      for (let i = 0; i < 5; i += 1) {
        const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
        await submitLogin(page, staff.username, `wrong-${i}-password`);
        await answered;
      }
      await page.getByText('账户已临时锁定').waitFor();
      step('even the right password is refused now');
      await submitLogin(page, staff.username, staff.oneTimePassword);
      await page.getByText('账户已临时锁定').waitFor();
      await shot('locked');

      step('the secadmin signs in for the first time and finds the locked account');
      await j.context.clearCookies();
      await firstAdminLogin(j, 'secadmin', INITIAL_PASSWORD, 'Secur#Lvzhi-2026-x');
      await page.getByRole('menuitem', { name: '用户管理' }).click();
      await page.waitForURL(/\/users$/);
      await choose(page, page.locator('main'), '状态', '已锁定');
      await page.getByRole('button', { name: '搜索' }).click();
      const row = page.getByRole('row').filter({ hasText: staff.username });
      await row.getByText('已锁定').waitFor();
      await checkA11y('users-secadmin');

      step('unlock');
      await row.getByRole('button', { name: '解锁' }).click();
      await page.getByRole('tooltip').getByRole('button', { name: '确定' }).click();
      await page.getByText('操作成功').first().waitFor();
      await page.getByText('暂无数据').waitFor(); // no locked account is left
      await shot('unlocked');

      step('the staff user signs in with the one-time password and must change it');
      await j.context.clearCookies();
      await page.goto(`${base}/login`);
      await submitLogin(page, staff.username, staff.oneTimePassword);
      await changeInitialPassword(page, staff.oneTimePassword, staff.password);
      await page.getByText(`${staff.name}，您好`).waitFor();
      await checkA11y('staff-home');
      await shot('staff-home');
    },
  },
  {
    name: 'forbidden-and-idle',
    title: 'a user without permission meets the 403 page; the idle warning keeps or ends the session',
    async run(j) {
      const { page, step, shot, checkA11y } = j;
      const { staff } = state;
      // The browser clock is ours to move; the server's is not, so "expiry" is a removed cookie.
      await page.clock.install();
      await page.goto(`${base}/login`);
      await submitLogin(page, staff.username, staff.password);
      await page.getByText(`${staff.name}，您好`).waitFor();

      step('no admin entries in the menu');
      if ((await page.getByRole('menuitem', { name: '用户管理' }).count()) !== 0) {
        throw new Error('the staff user sees the users menu entry');
      }
      step('typing the address of an admin page → the 403 page');
      await page.goto(`${base}/users`);
      await page.locator('.el-result__title', { hasText: '没有权限' }).waitFor();
      await checkA11y('forbidden');
      await shot('forbidden');
      await page.getByRole('button', { name: '返回首页' }).click();
      await page.getByText(`${staff.name}，您好`).waitFor();

      step('after 28 idle minutes the warning counts down; "继续使用" keeps the session');
      await page.clock.fastForward('28:30');
      const warning = page.getByRole('dialog', { name: '即将自动退出' });
      await warning.waitFor();
      await checkA11y('idle-warning');
      await shot('idle-warning');
      await warning.getByRole('button', { name: '继续使用' }).click();
      await warning.waitFor({ state: 'hidden' });
      await page.getByText(`${staff.name}，您好`).waitFor();

      step('idle again until the deadline: the session is gone → login page says why');
      await page.goto(`${base}/account`);
      await page.getByRole('heading', { name: '我的账户' }).waitFor();
      await j.context.clearCookies();
      await page.clock.fastForward('29:30');
      await page.waitForURL(/\/login\?.*expired=1/);
      await page.getByText('登录已超时，请重新登录').waitFor();
      step('signing in again returns to the page the user was on');
      await submitLogin(page, staff.username, staff.password);
      await page.waitForURL(/\/account$/);
      await page.getByRole('heading', { name: '我的账户' }).waitFor();
      await shot('back-after-timeout');
    },
  },
  {
    name: 'staff-roster',
    title: 'staff imports a roster with one bad row, fixes it, sorts by pinyin, finds a member, exports',
    async run(j) {
      const { page, step, shot, checkA11y } = j;
      const username = process.env.LVZHI_E2E_STAFF;
      const password = process.env.LVZHI_E2E_STAFF_PASSWORD;
      if (!username || !password) throw new Error('run.sh did not pass the demo staff account');
      step('the staff of the demo committee signs in and opens the roster of 329 members');
      await page.goto(`${base}/login`);
      await submitLogin(page, username, password);
      await page.getByRole('menuitem', { name: '委员名单' }).click();
      await page.waitForURL(/\/members/);
      await page.getByText('共 329 条').waitFor();
      await checkA11y('members');

      step('import: the dry run shows the bad row (row, column, reason) and imports nothing');
      const bad = rosterFile('roster-bad', [
        rosterRow('0901901', '测试甲', '男'),
        rosterRow('0901902', '测试乙', '未知'),
      ]);
      await page.getByRole('button', { name: '导入' }).click();
      const dialog = page.getByRole('dialog', { name: '导入委员' });
      await dialog.locator('input[type=file]').setInputFiles(bad);
      await dialog.getByRole('button', { name: '预检' }).click();
      await dialog.getByText('发现 1 处错误').waitFor();
      const errorRow = dialog.getByRole('row').filter({ hasText: '性别' });
      await errorRow.getByText('3', { exact: true }).waitFor();
      if (!(await dialog.getByRole('button', { name: '导入', exact: true }).isDisabled())) {
        throw new Error('import is possible despite errors');
      }
      await checkA11y('import-errors');
      await shot('import-errors');

      step('the fixed file passes the dry run and imports');
      const good = rosterFile('roster-good', [
        rosterRow('0901901', '测试甲', '男'),
        rosterRow('0901902', '测试乙', '女'),
      ]);
      await dialog.locator('input[type=file]').setInputFiles(good);
      await dialog.getByRole('button', { name: '预检' }).click();
      await dialog.getByText('预检通过').waitFor();
      await dialog.getByRole('button', { name: '导入', exact: true }).click();
      await page.getByText('导入完成').first().waitFor();
      await dialog.getByRole('button', { name: '关闭', exact: true }).click();
      await page.getByText('共 331 条').waitFor();

      step('sort by pinyin Z→A, then find a member by name and open the profile');
      const firstName = () => page.locator('.el-table__body tr').first().locator('a').first().textContent();
      const before = await firstName();
      await choose(page, page.locator('main'), '排序', '按姓名拼音 Z→A');
      await page.waitForFunction(
        (name) => document.querySelector('.el-table__body tr a')?.textContent !== name,
        before,
      );
      await shot('sorted-z-a');
      await page.getByLabel('姓名或委员编号').fill('测试乙');
      await page.getByLabel('姓名或委员编号').press('Enter');
      await page.getByText('共 1 条').waitFor();
      await page.getByRole('link', { name: '测试乙' }).click();
      await page.getByRole('heading', { name: '测试乙' }).waitFor();
      await page.getByText('第一委员小组').waitFor();
      await checkA11y('member-profile');

      step('going back in the browser returns to the filtered list');
      await page.goBack();
      await page.getByText('共 1 条').waitFor();
      if ((await page.getByLabel('姓名或委员编号').inputValue()) !== '测试乙') {
        throw new Error('the search box lost the query');
      }
      step('export the filtered list to Excel');
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: '导出 Excel' }).click();
      const file = await download;
      if (!file.suggestedFilename().endsWith('.xlsx')) {
        throw new Error(`export named ${file.suggestedFilename()}`);
      }
      const saved = join(process.env.LVZHI_E2E_WORK ?? out, 'export.xlsx');
      await file.saveAs(saved);
      const entries = execFileSync('python3', [
        '-c',
        'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(len(z.namelist()))',
        saved,
      ]).toString();
      if (Number(entries) < 3) throw new Error('the export is not an xlsx package');
      await shot('members-filtered');
    },
  },
  {
    name: 'proposal-lifecycle',
    title:
      'a joint proposal from draft to 已办结: co-signing, filing, lead+co units, sign-off, one re-handling',
    async run(j) {
      const { step, shot, checkA11y } = j;
      const accounts = seedAccounts();
      const need = [
        'member',
        'tianhe_staff2',
        'unit_mzj_clerk',
        'unit_mzj_head',
        'unit_wjj_clerk',
        'unit_jyj_clerk',
      ];
      for (const username of need) {
        if (!accounts[username]) throw new Error(`run.sh did not pass the demo account ${username}`);
      }
      const login = (page, username) =>
        signIn(page, username, accounts[username]?.password ?? accounts.member.password);
      const title = '关于加快社区嵌入式养老服务设施建设的建议';
      const LEAD = '区民政局';
      const CO = '区卫生健康局';
      const people = await launchPeopleBrowser();
      try {
        // One browser context per person; the journey's own page is the first proposer's.
        const member = j.page;
        const cosigner = await j.person(people);
        const staff = await j.person(people);
        const coClerk = await j.person(people);
        const leadClerk = await j.person(people);
        const leadHead = await j.person(people);
        const stranger = await j.person(people);

        step('member m0901001 signs in and starts a proposal from the list');
        await login(member, 'm0901001');
        await member.getByRole('menuitem', { name: '提案', exact: true }).click();
        await member.waitForURL(/\/proposals(\?|$)/);
        await member.getByRole('heading', { level: 1, name: '提案' }).waitFor();
        await checkA11y('proposal-list');
        await member.getByRole('button', { name: '新建提案' }).click();
        await member.waitForURL(/\/proposals\/new$/);

        step('title, category, analysis and suggestions; autosave creates the draft and says so');
        await member.getByLabel('案由').fill(title);
        await choose(member, member.locator('main'), '类别', '社会事务');
        await member
          .getByLabel('情况分析')
          .fill(
            '本区60岁以上户籍老年人口已超过20万，社区养老服务设施分布不均，部分老旧小区缺少日间照料场所。',
          );
        await member
          .getByLabel('具体建议')
          .fill('一、将嵌入式养老服务设施纳入老旧小区改造；二、盘活闲置公房用于日间照料；三、完善运营补贴。');
        const saveStatus = member.locator('[data-test="save-status"]');
        await saveStatus.filter({ hasText: /已保存 \d\d:\d\d/ }).waitFor();
        await member.waitForURL(/\/proposals\/\d+\/edit$/);
        const id = Number(/\/proposals\/(\d+)\/edit$/.exec(member.url())[1]);
        const detailUrl = `${base}/proposals/${id}`;

        step('co-signer m0901002 chosen in the co-signer picker (search by member number)');
        await member
          .locator('.el-select')
          .filter({ has: member.getByLabel('联名人', { exact: true }) })
          .click();
        await member.keyboard.type('0901002');
        const cosignerOption = member.getByRole('option', { name: /（0901002/ });
        const cosignerName = (await cosignerOption.innerText()).split('（')[0].trim();
        await cosignerOption.click();
        await member.locator('h1.page-title').click(); // closes the option list
        await member.getByRole('listbox').waitFor({ state: 'hidden' });

        step('a PDF attachment through the upload control');
        const chooser = member.waitForEvent('filechooser');
        await member.getByRole('button', { name: '上传附件' }).click();
        const attachment = pdfFile('社区养老调研.pdf');
        await (await chooser).setFiles(attachment);
        await member.getByRole('link', { name: '社区养老调研.pdf' }).waitFor();
        await saveStatus.filter({ hasText: /已保存 \d\d:\d\d/ }).waitFor();
        await checkA11y('proposal-edit');
        await tallShot(j, 'draft-saved', member);

        step('submit → 待联名确认; the first proposer may only withdraw now');
        await member.getByRole('button', { name: '提交', exact: true }).click();
        await member.waitForURL(new RegExp(`/proposals/${id}$`));
        await waitState(member, '待联名确认');
        await expectProposalActions(member, ['撤回'], 'first proposer, awaiting co-signers');
        step('the attachment downloads under its own name, with the bytes uploaded');
        const download = member.waitForEvent('download');
        await member.getByRole('link', { name: '社区养老调研.pdf' }).click();
        const file = await download;
        if (file.suggestedFilename() !== '社区养老调研.pdf') {
          throw new Error(`the attachment downloads as ${file.suggestedFilename()}`);
        }
        const saved = join(process.env.LVZHI_E2E_WORK ?? out, 'downloaded.pdf');
        await file.saveAs(saved);
        if (readFileSync(saved, 'utf8') !== readFileSync(attachment, 'utf8')) {
          throw new Error('the downloaded attachment differs from the uploaded one');
        }
        await checkA11y('proposal-detail');
        await tallShot(j, 'submitted', member);

        step('the co-signer has an unread notification and the invitation in 联名邀请');
        await login(cosigner, 'm0901002');
        const bell = cosigner.getByRole('button', { name: /^通知，\d+ 条未读$/ });
        await bell.waitFor();
        await bell.click();
        await cosigner.getByText('有提案邀请您联名，请确认').first().waitFor();
        await openFromQueue(cosigner, '联名邀请', title);
        await expectProposalActions(cosigner, ['答复联名邀请'], 'invited co-signer');

        step('the co-signer accepts → 待初审');
        await act(cosigner, cosigner.getByRole('toolbar'), '答复联名邀请', async (dialog) => {
          await radio(dialog, '接受');
          await checkA11y('cosign-dialog', cosigner);
          await shot('cosign-dialog', cosigner);
        });
        await waitState(cosigner, '待初审');
        await expectProposalActions(cosigner, [], 'co-signer after answering');

        step('staff: 待初审 → 初审通过 → 立案 (the next number of the session: the demo has filed ones)');
        await login(staff, 'tianhe_staff2');
        await openFromQueue(staff, '待初审', title);
        await expectProposalActions(staff, ['退回修改', '初审通过'], 'staff, submitted');
        await act(staff, staff.getByRole('toolbar'), '初审通过');
        await waitState(staff, '审查中');
        await expectProposalActions(staff, ['立案', '不予立案', '并案'], 'staff, under review');
        await act(staff, staff.getByRole('toolbar'), '立案');
        await waitState(staff, '已立案');
        const numberLabel = staff.locator('[data-test="number-label"]', { hasText: /^\s*第\d{4}号\s*$/ });
        await numberLabel.waitFor();
        const number = (await numberLabel.innerText()).trim();
        await tallShot(j, 'filed', staff);

        step('the first proposer sees the number, and no staff action (no 立案, no 交办)');
        await member.reload();
        await waitState(member, '已立案');
        await member.locator('[data-test="number-label"]', { hasText: number }).waitFor();
        await expectProposalActions(member, [], 'first proposer, filed');

        step('staff assigns 主办+会办: 区民政局 leads, 区卫生健康局 co-handles');
        await expectProposalActions(staff, ['交办', '并案', '列为重点提案'], 'staff, filed');
        await act(staff, staff.getByRole('toolbar'), '交办', async (dialog) => {
          await radio(dialog, '主办+会办');
          await choose(staff, dialog, '主办单位', LEAD);
          await chooseMany(staff, dialog, '会办单位', [CO], dialog.locator('.subject'));
          await checkA11y('assign-dialog', staff);
          await shot('assign-dialog', staff);
        });
        await waitState(staff, '已交办');
        await assignmentCard(staff, LEAD).getByText('主办', { exact: true }).waitFor();
        await assignmentCard(staff, CO).getByText('会办', { exact: true }).waitFor();

        step('a unit that was not assigned gets the not-found page for the address');
        await login(stranger, 'unit_jyj_clerk');
        await stranger.goto(detailUrl);
        await stranger.getByText('提案不存在，或您无权查看').waitFor();
        await checkA11y('not-found-unit', stranger);
        await shot('not-found-unit', stranger);

        step('co-unit clerk: 签收, then 送会办意见');
        await login(coClerk, 'unit_wjj_clerk');
        // This time from the home page's 我的待办.
        await coClerk.getByRole('link', { name: /^\s*待签收\s*\d+\s*$/ }).click();
        await coClerk.waitForURL(/\/proposals\?queue=unit_new/);
        await coClerk.getByRole('link', { name: title, exact: true }).click();
        await coClerk.getByRole('heading', { level: 1, name: title }).waitFor();
        await expectAssignmentActions(coClerk, CO, ['签收'], 'co-unit clerk, pending');
        await expectAssignmentActions(coClerk, LEAD, [], 'co-unit clerk on the lead unit');
        await act(coClerk, assignmentCard(coClerk, CO), '签收');
        await expectAssignmentActions(coClerk, CO, ['送会办意见'], 'co-unit clerk, handling');
        await act(coClerk, assignmentCard(coClerk, CO), '送会办意见', async (dialog) => {
          await dialog.getByLabel('会办意见').fill('同意主办单位意见，本局将配合做好医养结合服务。');
        });
        await assignmentCard(coClerk, CO).getByText('已送会办意见', { exact: true }).waitFor();
        await expectAssignmentActions(coClerk, CO, [], 'co-unit clerk, done');

        step('lead clerk: 签收 (→ 办理中), reply with class and contact record, hand it to the head');
        await login(leadClerk, 'unit_mzj_clerk');
        await openFromQueue(leadClerk, '待签收', title);
        await act(leadClerk, assignmentCard(leadClerk, LEAD), '签收');
        await waitState(leadClerk, '办理中');
        await expectAssignmentActions(leadClerk, LEAD, ['保存答复', '提交答复签发'], 'lead clerk, handling');
        await assignmentCard(leadClerk, CO).getByText('同意主办单位意见', { exact: false }).waitFor();
        await act(
          leadClerk,
          assignmentCard(leadClerk, LEAD),
          '提交答复签发',
          replyFiller(leadClerk, '我局已将3处嵌入式养老服务设施纳入今年老旧小区改造计划。'),
        );
        await assignmentCard(leadClerk, LEAD).getByText('答复待签发', { exact: true }).waitFor();
        await expectAssignmentActions(leadClerk, LEAD, [], 'lead clerk, reply draft');
        if ((await leadClerk.getByRole('button', { name: '签发' }).count()) !== 0) {
          throw new Error('the clerk is offered 签发');
        }
        await tallShot(j, 'reply-draft', leadClerk);

        step('lead head: 待签发 → 签发');
        await login(leadHead, 'unit_mzj_head');
        await openFromQueue(leadHead, '待签发', title);
        await expectAssignmentActions(leadHead, LEAD, ['签发', '退回经办人'], 'lead head, reply draft');
        await act(leadHead, assignmentCard(leadHead, LEAD), '签发');
        await assignmentCard(leadHead, LEAD).getByText('答复待审核', { exact: true }).waitFor();

        step('staff: 待审核答复 → 审核通过答复 → 已答复');
        await openFromQueue(staff, '待审核答复', title);
        await expectAssignmentActions(staff, LEAD, ['审核通过答复', '退回答复'], 'staff, reply review');
        await act(staff, assignmentCard(staff, LEAD), '审核通过答复');
        await waitState(staff, '已答复');

        step('the first proposer reads the reply and rates 不满意 with a reason → 重新办理');
        await openFromQueue(member, '待评价', title);
        await assignmentCard(member, LEAD).getByText('纳入今年老旧小区改造计划', { exact: false }).waitFor();
        await expectProposalActions(member, ['评价办理结果'], 'first proposer, replied');
        await act(member, member.getByRole('toolbar'), '评价办理结果', async (dialog) => {
          await radio(dialog, '不满意');
          await dialog.getByLabel('评价意见').fill('答复未说明设施建成时间和运营方式。');
          await checkA11y('rating-dialog');
        });
        await waitState(member, '重新办理');
        await tallShot(j, 'rehandling', member);

        step('the lead unit replies again, the head signs, staff accepts → 已答复');
        await openFromQueue(leadClerk, '办理中', title);
        await act(leadClerk, assignmentCard(leadClerk, LEAD), '提交答复签发', async (dialog) => {
          await dialog
            .getByLabel('答复内容')
            .fill('3处设施将于年底前建成，由街道引入专业机构运营，我局按床位给予运营补贴。');
        });
        await assignmentCard(leadClerk, LEAD).getByText('答复待签发', { exact: true }).waitFor();
        await openFromQueue(leadHead, '待签发', title);
        await act(leadHead, assignmentCard(leadHead, LEAD), '签发');
        await assignmentCard(leadHead, LEAD).getByText('答复待审核', { exact: true }).waitFor();
        await openFromQueue(staff, '待审核答复', title);
        await act(staff, assignmentCard(staff, LEAD), '审核通过答复');
        await waitState(staff, '已答复');

        step('ratings of the second round: 满意 (first proposer), 基本满意 (co-signer) → 已办结');
        await openFromQueue(member, '待评价', title);
        await act(member, member.getByRole('toolbar'), '评价办理结果', (dialog) => radio(dialog, '满意'));
        await waitState(member, '已答复'); // the co-signer has not rated yet
        await expectProposalActions(member, [], 'first proposer after rating');
        await openFromQueue(cosigner, '待评价', title);
        await act(cosigner, cosigner.getByRole('toolbar'), '评价办理结果', (dialog) =>
          radio(dialog, '基本满意'),
        );
        await waitState(cosigner, '已办结');

        step('the proposal shows 已办结 with both ratings, and the timeline lists the steps');
        await member.reload();
        await waitState(member, '已办结');
        const proposers = member.locator('[data-test="proposers"]');
        await proposers.getByText(cosignerName).waitFor();
        await proposers.getByText('满意 · 第2轮', { exact: true }).waitFor();
        await proposers.getByText('基本满意 · 第2轮', { exact: true }).waitFor();
        // The proposer's timeline: the proposal's steps and each unit's acknowledgement and accepted
        // reply; the units' internal steps (co-unit opinion, reply drafts, sign-off) are not theirs.
        const events = await member.locator('[data-test="timeline-event"] .event-line').allInnerTexts();
        const expected = [
          '起草',
          '提交',
          '答复联名邀请',
          '联名确认完成',
          '初审通过',
          '立案',
          '交办',
          '签收',
          '签收',
          '承办单位全部签收',
          '审核通过答复',
          '答复全部审核通过',
          '评价办理结果',
          '审核通过答复',
          '答复全部审核通过',
          '评价办理结果',
          '评价办理结果',
        ];
        for (const hidden of ['送会办意见', '提交答复签发', '签发']) {
          if (events.some((e) => e.split('\n').some((line) => line.trim() === hidden))) {
            throw new Error(`the proposer's timeline shows the units' step ${hidden}`);
          }
        }
        let at = 0;
        for (const action of expected) {
          const found = events.findIndex((e, i) => i >= at && e.includes(action));
          if (found < 0) {
            throw new Error(`timeline lacks ${action} after step ${at}:\n    ${events.join('\n    ')}`);
          }
          at = found + 1;
        }
        step(`timeline: ${events.length} steps in order`);
        await checkA11y('proposal-closed');
        await tallShot(j, 'closed', member);
      } finally {
        await people.close();
      }
    },
  },
  {
    name: 'staff-paper-proposal',
    title: 'staff enters a paper proposal for a member: first proposer picker, autosave, submit',
    async run(j) {
      const { page, step, shot, checkA11y } = j;
      const accounts = seedAccounts();
      if (!accounts.tianhe_staff2) throw new Error('run.sh did not pass the demo staff account');
      const title = '关于优化公交线网覆盖新建小区的建议';
      step('staff opens 新建提案: nothing is saved before the first proposer is chosen');
      await signIn(page, 'tianhe_staff2', accounts.tianhe_staff2.password);
      await page.getByRole('menuitem', { name: '提案', exact: true }).click();
      await page.getByRole('button', { name: '新建提案' }).click();
      await page.waitForURL(/\/proposals\/new$/);
      await page.getByLabel('案由').fill(title);
      const saveStatus = page.locator('[data-test="save-status"]');
      await saveStatus.getByText('请先选择第一提案人，草稿才能保存').waitFor();

      step('the first proposer is found by member number; the draft is then created');
      await page
        .locator('.el-select')
        .filter({ has: page.getByLabel('第一提案人', { exact: true }) })
        .click();
      await page.keyboard.type('0901003');
      const option = page.getByRole('option', { name: /（0901003/ });
      const firstName = (await option.innerText()).split('（')[0].trim();
      await option.click();
      await saveStatus.filter({ hasText: /已保存 \d\d:\d\d/ }).waitFor();
      await page.waitForURL(/\/proposals\/\d+\/edit$/);
      await choose(page, page.locator('main'), '类别', '城建环资');
      await page.getByLabel('情况分析').fill('多个新建小区距最近公交站超过800米，居民出行不便。');
      await page.getByLabel('具体建议').fill('一、新辟或调整公交线路覆盖新建小区；二、开通社区微循环巴士。');
      await saveStatus.filter({ hasText: /已保存 \d\d:\d\d/ }).waitFor();
      await checkA11y('staff-proposal-edit');
      await shot('staff-draft');

      step('submit → 待初审, with the member as first proposer');
      await page.getByRole('button', { name: '提交', exact: true }).click();
      await page.waitForURL(/\/proposals\/\d+$/);
      await waitState(page, '待初审');
      await page.locator('[data-test="proposers"]').getByText(firstName).waitFor();
      await page.locator('[data-test="proposers"]').getByText('（第一提案人）').waitFor();
      await tallShot(j, 'staff-submitted', page);
    },
  },
  {
    name: 'proposal-search-publish',
    title:
      'staff search with highlights, a similar proposal while drafting, Excel export, publish; a visitor finds it',
    async run(j) {
      const { page, step, shot, checkA11y } = j;
      const accounts = seedAccounts();
      if (!accounts.tianhe_staff2) throw new Error('run.sh did not pass the demo staff account');
      await signIn(page, 'tianhe_staff2', accounts.tianhe_staff2.password);

      step('staff searches 停车 (a two-character word): results mark it');
      await page.getByRole('menuitem', { name: '提案', exact: true }).click();
      await page.waitForURL(/\/proposals(\?|$)/);
      await page.getByRole('search').getByRole('textbox').first().fill('停车');
      await page.getByRole('search').getByRole('button', { name: '搜索', exact: true }).click();
      await page.waitForURL(/q=/);
      await page.locator('main table mark', { hasText: '停车' }).first().waitFor();
      await checkA11y('proposal-search');
      await shot('search');

      step('the filtered list exports to Excel (an xlsx file)');
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: '导出 Excel' }).click();
      const file = await download;
      const saved = join(process.env.LVZHI_E2E_WORK ?? out, 'search.xlsx');
      await file.saveAs(saved);
      if (readFileSync(saved).subarray(0, 2).toString() !== 'PK')
        throw new Error('the export is not an xlsx file');

      step('a closed 2021 proposal, published from its page');
      await page.goto(`${base}/proposals?stat=closed&year=2021`);
      await page.getByText('筛选：').waitFor();
      let title = '';
      for (let row = 0; row < 10 && !title; row += 1) {
        const link = page.locator('main table a[href^="/proposals/"]').nth(row);
        const text = (await link.innerText()).trim();
        await link.click();
        await page.getByRole('heading', { level: 1, name: text }).waitFor();
        await page.getByRole('toolbar', { name: '可执行的操作' }).waitFor();
        if ((await page.getByRole('button', { name: '公开', exact: true }).count()) > 0) {
          title = text;
        } else {
          await page.goBack();
        }
      }
      if (!title) throw new Error('no unpublished closed proposal among the first ten of 2021');
      await act(page, page.getByRole('toolbar', { name: '可执行的操作' }), '公开');
      await page.getByRole('button', { name: '取消公开', exact: true }).waitFor();
      await tallShot(j, 'published', page);

      step('drafting a near-duplicate lists it as similar, and it opens in a new tab');
      await page.getByRole('menuitem', { name: '提案', exact: true }).click();
      await page.getByRole('button', { name: '新建提案' }).click();
      await page.waitForURL(/\/proposals\/new$/);
      await page.getByLabel('案由').fill(title);
      const panel = page.locator('[data-test="similar-panel"]');
      const similar = panel.getByRole('link', { name: title, exact: true });
      await similar.waitFor({ timeout: 15000 });
      await checkA11y('proposal-similar');
      await shot('similar');
      const popup = page.context().waitForEvent('page');
      await similar.click();
      const opened = await popup;
      await opened.getByRole('heading', { level: 1, name: title }).waitFor();
      await opened.close();

      step('a visitor without an account finds it from the login page');
      const people = await launchPeopleBrowser();
      try {
        const visitor = await j.person(people);
        await visitor.setViewportSize({ width: 390, height: 844 });
        await visitor.goto(`${base}/login`);
        await visitor.getByRole('link', { name: '提案公开查询' }).click();
        await visitor.waitForURL(/\/public\/proposals/);
        await visitor.getByRole('heading', { level: 1, name: '提案公开查询' }).waitFor();
        await visitor.getByRole('search').getByRole('textbox').fill(title);
        await visitor.getByRole('search').getByRole('button', { name: '搜索' }).click();
        await visitor.getByRole('link', { name: title }).first().waitFor();
        await checkA11y('public-search', visitor);
        await visitor.getByRole('link', { name: title }).first().click();
        await visitor.getByRole('heading', { level: 1, name: title }).waitFor();
        await visitor.getByRole('heading', { name: '办理答复' }).waitFor();
        await checkA11y('public-proposal', visitor);
        await tallShot(j, 'public-proposal', visitor);
      } finally {
        await people.close();
      }
    },
  },
];

// LVZHI_E2E_ONLY=name,name runs only those journeys (while working on them; the proposal journeys
// need none of the earlier ones).
const only = (process.env.LVZHI_E2E_ONLY ?? '').split(',').filter(Boolean);
const selected = only.length ? journeys.filter((journey) => only.includes(journey.name)) : journeys;
const context = await launchBrowser();
let passed = 0;
let failed = 0;
for (const journey of selected) {
  console.log(`journey ${journey.name}: ${journey.title}`);
  const j = await openJourney(context, { name: journey.name, base, out });
  j.context = context;
  try {
    await journey.run(j);
    await j.checkA11y('last page').catch((error) => Promise.reject(error));
    passed += 1;
    console.log(`  ✓ ${journey.name}`);
  } catch (error) {
    failed += 1;
    await j.shot('failure').catch(() => undefined);
    console.error(`  ✗ ${journey.name}: ${error.stack ?? error}`);
    // Later journeys build on earlier ones: stop at the first failure.
    break;
  } finally {
    await j.page.close();
  }
}
await context.close();
const skipped = selected.length - passed - failed;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} not run` : ''}`);
process.exitCode = failed || skipped ? 1 : 0;
