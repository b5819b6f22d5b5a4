import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import MemberProfileView from '@/views/members/MemberProfileView.vue';
import MyMemberView from '@/views/members/MyMemberView.vue';
import { apiError, jsonResponse, mockFetch, type Call } from './helpers';
import { byPath, listOf, mountView, pathOf, settle } from './views-helpers';

vi.setConfig({ testTimeout: 30000 });

const PROFILE = {
  id: 31,
  term_id: 2,
  member_no: '0901',
  name: '王小明',
  gender: 'female',
  birth_date: '1970-05-01',
  party: { id: 12, name: '民盟' },
  sector: { id: 11, name: '教育界' },
  employer: '天河区第一中学',
  title: '校长',
  is_standing: true,
  is_hk_macao: false,
  status: 'resigned',
  phone: '138****5678',
  ethnicity: '汉族',
  email: 'w***@example.com',
  id_number: '440106********1234',
  special_committees: [{ id: 13, name: '提案委员会' }],
  groups: [{ id: 14, name: '第一组' }],
  user: { id: 77, username: 'wangxm', display_name: '王小明' },
  status_date: '2024-03-01',
  status_reason: '工作调动',
  private_visible: false,
  created_at: 1704067200,
  updated_at: 1704067200,
};

const TERMS = [
  {
    id: 2,
    number: 9,
    name: '第九届',
    start_date: '2021-12-20',
    end_date: null,
    is_current: true,
    member_count: 1,
    sessions: [],
  },
];

function handlers(profile: object, extra: Record<string, (call: Call) => Response> = {}) {
  return byPath({
    'GET /members/31': () => jsonResponse(200, profile),
    '/terms': () => listOf(TERMS),
    '/reference/sector': () => listOf([{ id: 11, name: '教育界' }]),
    '/reference/party': () => listOf([{ id: 12, name: '民盟' }]),
    '/reference/special_committee': () => listOf([{ id: 13, name: '提案委员会' }]),
    '/reference/member_group': () => listOf([{ id: 14, name: '第一组' }]),
    ...extra,
  });
}

let wrapper: VueWrapper | null = null;
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  vi.unstubAllGlobals();
});

async function mountProfile(permissions: string[]) {
  const mounted = await mountView(MemberProfileView, {
    permissions,
    routePath: '/members/:id',
    path: '/members/31',
  });
  wrapper = mounted.wrapper;
  return mounted.wrapper;
}

describe('member profile', () => {
  it('shows every field, the masked note, tags, account and status with date and reason', async () => {
    mockFetch(handlers(PROFILE));
    const view = await mountProfile(['member.view', 'org.view']);
    expect(view.find('[data-test="masked-note"]').text()).toContain('手机、邮箱和身份证号已隐去部分内容');
    const text = view.find('[data-test="member-profile"]').text();
    for (const s of [
      '0901',
      '王小明',
      '女',
      '汉族',
      '1970-05-01',
      '第九届',
      '民盟',
      '教育界',
      '天河区第一中学',
      '校长',
      '提案委员会',
      '第一组',
      '138****5678',
      'w***@example.com',
      '440106********1234',
      '王小明（wangxm）',
      '辞去',
      '2024-03-01',
      '原因：工作调动',
      '2024-01-01 08:00:00',
    ]) {
      expect(text).toContain(s);
    }
    expect(view.find('[data-test="member-edit"]').exists()).toBe(false);
    expect(view.find('[data-test="member-status"]').exists()).toBe(false);
  });

  it('has no masked note when the private fields are visible', async () => {
    mockFetch(handlers({ ...PROFILE, private_visible: true, phone: '13812345678' }));
    const view = await mountProfile(['member.view']);
    expect(view.find('[data-test="masked-note"]').exists()).toBe(false);
    expect(view.text()).toContain('13812345678');
  });

  it('edits only the changed fields and shows the server field errors next to them', async () => {
    const { calls } = mockFetch(
      handlers(PROFILE, {
        'PATCH /members/31': () =>
          apiError(422, 'request.validation_failed', '提交的内容有误，请按提示修改后重试', {
            fields: { name: '姓名不能超过 32 个字符', 'special_committee_ids[0]': '专门委员会已停用' },
          }),
      }),
    );
    const view = await mountProfile(['member.view', 'member.manage']);
    await view.find('[data-test="member-edit"]').trigger('click');
    await flushPromises();
    const form = view.find('[data-test="member-form"]');
    expect(form.exists()).toBe(true);
    // Masked private values are not put in the form.
    const inputs = form.findAll('input').map((i) => (i.element as HTMLInputElement).value);
    expect(inputs).not.toContain('138****5678');
    expect(inputs).toContain('王小明');

    const nameInput = form.findAll('input').find((i) => (i.element as HTMLInputElement).value === '王小明')!;
    await nameInput.setValue('王小明明');
    await view.find('[data-test="member-form-save"]').trigger('click');
    await settle();

    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(pathOf(patch)).toBe('/members/31');
    expect(patch.body).toEqual({ name: '王小明明' });
    const errors = view.findAll('[data-test="member-form"] .el-form-item__error').map((e) => e.text());
    expect(errors).toEqual(expect.arrayContaining(['姓名不能超过 32 个字符', '专门委员会已停用']));
  });

  it('changes status: the reason is required unless back to 在任', async () => {
    const { calls } = mockFetch(
      handlers(
        { ...PROFILE, status: 'active', status_date: null, status_reason: null },
        {
          'POST /members/31/status': (call) =>
            jsonResponse(200, {
              ...PROFILE,
              status: 'removed',
              status_reason: (call.body as { reason: string }).reason,
            }),
        },
      ),
    );
    const view = await mountProfile(['member.view', 'member.manage']);
    await view.find('[data-test="member-status"]').trigger('click');
    await flushPromises();
    const dialog = view
      .findAllComponents({ name: 'ElDialog' })
      .find((d) => d.text().includes('变更状态：王小明'))!;
    const save = dialog.findAll('button').find((b) => b.text() === '保存')!;
    await save.trigger('click');
    await settle();
    expect(dialog.text()).toContain('请填写原因');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await dialog.find('textarea').setValue('违反纪律');
    await save.trigger('click');
    await flushPromises();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toMatchObject({ status: 'resigned', reason: '违反纪律' });
    expect((post.body as { date: string }).date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('my member profile', () => {
  it('says the account is not linked on 404 member.not_found', async () => {
    mockFetch(() => apiError(404, 'member.not_found', '委员不存在'));
    const mounted = await mountView(MyMemberView, { permissions: [], roles: ['member'] });
    wrapper = mounted.wrapper;
    const text = mounted.wrapper.find('[data-test="not-linked"]').text();
    expect(text).toContain('您的账号尚未关联委员资料');
    expect(text).toContain('请联系政协机关工作人员');
  });

  it('shows the own profile unmasked', async () => {
    const { calls } = mockFetch(() =>
      jsonResponse(200, {
        ...PROFILE,
        private_visible: true,
        phone: '13812345678',
        email: 'wang@example.com',
      }),
    );
    const mounted = await mountView(MyMemberView, { permissions: [], roles: ['member'] });
    wrapper = mounted.wrapper;
    expect(pathOf(calls[0]!)).toBe('/me/member');
    expect(mounted.wrapper.text()).toContain('13812345678');
    expect(mounted.wrapper.text()).toContain('wang@example.com');
    expect(mounted.wrapper.find('[data-test="masked-note"]').exists()).toBe(false);
  });
});
