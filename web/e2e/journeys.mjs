// Browser journeys of the web app foundation, run by e2e/run.sh against a real `lvzhi serve` on a
// fresh database that holds three admin accounts created by the CLI (sysadmin, secadmin, auditor).
// Each journey checks its pages with axe-core and leaves screenshots in OUT_DIR.
// usage: node e2e/journeys.mjs BASE_URL OUT_DIR
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INITIAL_PASSWORD } from './accounts.mjs';
import {
  changeInitialPassword,
  choose,
  firstAdminLogin,
  launchBrowser,
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
];

const context = await launchBrowser();
let passed = 0;
let failed = 0;
for (const journey of journeys) {
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
const skipped = journeys.length - passed - failed;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} not run` : ''}`);
process.exitCode = failed || skipped ? 1 : 0;
