import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DOMWrapper, VueWrapper } from '@vue/test-utils';
import ProposalSettingsView from '@/views/proposals/ProposalSettingsView.vue';
import {
  changedProposalSettings,
  checkProposalSettings,
  saveProposalSettings,
  type ProposalSettings,
} from '@/api/proposalSettings';
import { setCsrfToken } from '@/api/client';
import { apiError, jsonResponse, mockFetch } from './helpers';
import { mountView, settle } from './views-helpers';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

const SETTINGS: ProposalSettings = {
  reply_months: 3,
  extended_months: 6,
  rehandle_months: 1,
  reassign_window_days: 5,
  due_soon_days: 15,
  max_attachment_mb: 20,
  max_attachments: 10,
  reply_classes: [
    { code: 'A', name: '所提问题已经解决或基本解决' },
    { code: 'B', name: '已列入计划逐步解决' },
    { code: 'C', name: '因条件限制留作参考' },
  ],
};
const copy = (): ProposalSettings => JSON.parse(JSON.stringify(SETTINGS)) as ProposalSettings;

const mountSettings = () => mountView(ProposalSettingsView, { permissions: ['proposal.manage'] });

const byLabel = (wrapper: VueWrapper, label: string): DOMWrapper<HTMLInputElement> =>
  wrapper.find<HTMLInputElement>(`input[aria-label="${label}"]`);

/** The form item whose label is `label`. */
function formItem(wrapper: VueWrapper, label: string) {
  const item = wrapper.findAll('.el-form-item').find((i) => i.find('label').text() === label);
  if (!item) throw new Error(`no form item ${label}`);
  return item;
}

async function setNumber(wrapper: VueWrapper, label: string, value: number) {
  const input = byLabel(wrapper, label);
  await input.setValue(String(value));
  await input.trigger('change');
}

async function submit(wrapper: VueWrapper) {
  await wrapper.find('form').trigger('submit');
  await settle();
}

describe('proposal settings view', () => {
  it('loads and shows the settings', async () => {
    const { calls } = mockFetch(() => jsonResponse(200, SETTINGS));
    const { wrapper } = await mountSettings();
    expect(calls[0]!.url).toBe('/api/v1/proposals/settings');
    expect(wrapper.find('h1').text()).toBe('提案设置');
    expect(wrapper.findAll('legend').map((l) => l.text())).toEqual(['办理期限', '附件', '答复类别']);
    expect(byLabel(wrapper, '答复期限').element.value).toBe('3');
    expect(byLabel(wrapper, '延期后的答复期限').element.value).toBe('6');
    expect(byLabel(wrapper, '申请调整承办单位的期限').element.value).toBe('5');
    expect(byLabel(wrapper, '即将到期提醒').element.value).toBe('15');
    expect(byLabel(wrapper, '单个附件大小上限').element.value).toBe('20');
    expect(byLabel(wrapper, '每件提案附件数上限').element.value).toBe('10');
    expect(formItem(wrapper, '申请调整承办单位的期限').text()).toContain('个工作日');
    expect(formItem(wrapper, '答复期限').text()).toContain('期满日遇节假日顺延至下一个工作日');
    expect(formItem(wrapper, '答复期限').text()).toContain('允许范围：1–12');
    expect(byLabel(wrapper, '第 1 类的代码').element.value).toBe('A');
    expect(byLabel(wrapper, '第 3 类的名称').element.value).toBe('因条件限制留作参考');
    expect(wrapper.find('button[aria-label="删除第 2 类"]').exists()).toBe(true);
  });

  it('shows the load error with a retry', async () => {
    const { calls } = mockFetch(
      () => apiError(503, 'server.unavailable', '服务暂时不可用'),
      () => jsonResponse(200, SETTINGS),
    );
    const { wrapper } = await mountSettings();
    expect(wrapper.find('[role="alert"]').text()).toContain('服务暂时不可用');
    await wrapper.find('[role="alert"] button').trigger('click');
    await settle();
    expect(calls).toHaveLength(2);
    expect(byLabel(wrapper, '答复期限').element.value).toBe('3');
  });

  it('sends only the changed fields', async () => {
    const saved = { ...copy(), due_soon_days: 20 };
    const { calls } = mockFetch(
      () => jsonResponse(200, SETTINGS),
      () => jsonResponse(200, saved),
    );
    const { wrapper } = await mountSettings();
    await setNumber(wrapper, '即将到期提醒', 20);
    await submit(wrapper);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.method).toBe('PATCH');
    expect(calls[1]!.url).toBe('/api/v1/proposals/settings');
    expect(calls[1]!.body).toEqual({ due_soon_days: 20 });
    expect(byLabel(wrapper, '即将到期提醒').element.value).toBe('20');
  });

  it('sends the whole list of reply classes, trimmed, when one changed', async () => {
    const { calls } = mockFetch(
      () => jsonResponse(200, SETTINGS),
      () => jsonResponse(200, SETTINGS),
    );
    const { wrapper } = await mountSettings();
    await byLabel(wrapper, '第 2 类的名称').setValue('  已列入计划  ');
    await submit(wrapper);
    expect(calls[1]!.body).toEqual({
      reply_classes: [
        { code: 'A', name: '所提问题已经解决或基本解决' },
        { code: 'B', name: '已列入计划' },
        { code: 'C', name: '因条件限制留作参考' },
      ],
    });
  });

  it('adds and removes reply classes within 2–6', async () => {
    const { calls } = mockFetch(
      () => jsonResponse(200, SETTINGS),
      () => jsonResponse(200, SETTINGS),
    );
    const { wrapper } = await mountSettings();
    const add = () => wrapper.findAll('button').find((b) => b.text() === '添加类别')!;
    for (let i = 0; i < 3; i++) await add().trigger('click');
    expect(wrapper.findAll('tbody tr')).toHaveLength(6);
    expect(add().attributes('disabled')).toBeDefined();
    await byLabel(wrapper, '第 4 类的代码').setValue('D');
    await byLabel(wrapper, '第 4 类的名称').setValue('其他');
    await wrapper.find('button[aria-label="删除第 6 类"]').trigger('click');
    await wrapper.find('button[aria-label="删除第 5 类"]').trigger('click');
    await submit(wrapper);
    expect(calls[1]!.body).toEqual({
      reply_classes: [...SETTINGS.reply_classes, { code: 'D', name: '其他' }],
    });
  });

  it('shows a server field error at its field', async () => {
    const { calls } = mockFetch(
      () => jsonResponse(200, SETTINGS),
      () =>
        apiError(422, 'request.validation_failed', '参数有误', {
          fields: { reassign_window_days: '申请调整的期限（工作日）须为 1–30 的整数' },
        }),
    );
    const { wrapper } = await mountSettings();
    await setNumber(wrapper, '申请调整承办单位的期限', 7);
    await submit(wrapper);
    expect(calls[1]!.body).toEqual({ reassign_window_days: 7 });
    expect(formItem(wrapper, '申请调整承办单位的期限').find('.el-form-item__error').text()).toBe(
      '申请调整的期限（工作日）须为 1–30 的整数',
    );
    // Placed at its field: no form-wide alert.
    expect(wrapper.find('.el-alert').exists()).toBe(false);
  });

  it('blocks saving with one reply class', async () => {
    const { calls } = mockFetch(() => jsonResponse(200, SETTINGS));
    const { wrapper } = await mountSettings();
    await wrapper.find('button[aria-label="删除第 3 类"]').trigger('click');
    await wrapper.find('button[aria-label="删除第 2 类"]').trigger('click');
    expect(wrapper.find('button[aria-label="删除第 1 类"]').attributes('disabled')).toBeDefined();
    await submit(wrapper);
    expect(calls).toHaveLength(1);
    expect(wrapper.text()).toContain('答复类别须有 2–6 类');
    expect(wrapper.text()).toContain('请先改正标出的问题');
  });

  it('blocks saving with duplicate codes and clears the error once fixed', async () => {
    const { calls } = mockFetch(
      () => jsonResponse(200, SETTINGS),
      () => jsonResponse(200, SETTINGS),
    );
    const { wrapper } = await mountSettings();
    await byLabel(wrapper, '第 3 类的代码').setValue(' A ');
    await submit(wrapper);
    expect(calls).toHaveLength(1);
    expect(wrapper.text()).toContain('代码重复');
    await byLabel(wrapper, '第 3 类的代码').setValue('D');
    await settle();
    expect(wrapper.text()).not.toContain('代码重复');
    await submit(wrapper);
    expect(calls).toHaveLength(2);
  });

  it('blocks saving when the extended deadline is not longer', async () => {
    const { calls } = mockFetch(() => jsonResponse(200, SETTINGS));
    const { wrapper } = await mountSettings();
    await setNumber(wrapper, '延期后的答复期限', 3);
    await submit(wrapper);
    expect(calls).toHaveLength(1);
    expect(formItem(wrapper, '延期后的答复期限').find('.el-form-item__error').text()).toBe(
      '延期后的答复期限须长于答复期限',
    );
  });

  it('resets to the loaded values', async () => {
    mockFetch(() => jsonResponse(200, SETTINGS));
    const { wrapper } = await mountSettings();
    await setNumber(wrapper, '答复期限', 4);
    await wrapper.find('button[aria-label="删除第 3 类"]').trigger('click');
    await wrapper
      .findAll('button')
      .find((b) => b.text() === '重置')!
      .trigger('click');
    await settle();
    expect(byLabel(wrapper, '答复期限').element.value).toBe('3');
    expect(wrapper.findAll('tbody tr')).toHaveLength(3);
  });
});

describe('proposal settings api', () => {
  it('computes only the changed fields', () => {
    expect(changedProposalSettings(SETTINGS, copy())).toEqual({});
    const edited = copy();
    edited.max_attachments = 12;
    edited.reply_classes[0]!.code = ' A ';
    expect(changedProposalSettings(SETTINGS, edited)).toEqual({ max_attachments: 12 });
    edited.reply_classes.pop();
    expect(changedProposalSettings(SETTINGS, edited)).toEqual({
      max_attachments: 12,
      reply_classes: SETTINGS.reply_classes.slice(0, 2),
    });
  });

  it('sends nothing when nothing changed', async () => {
    const { calls } = mockFetch(() => jsonResponse(200, SETTINGS));
    expect(await saveProposalSettings(SETTINGS, copy())).toBeNull();
    expect(calls).toHaveLength(0);
  });

  it('checks what the server checks', () => {
    expect(checkProposalSettings(SETTINGS)).toBeNull();
    const bad = copy();
    bad.reply_months = 13;
    bad.reply_classes = [
      { code: '', name: '甲' },
      { code: 'ABCDE', name: 'x'.repeat(31) },
      { code: 'B', name: ' ' },
      { code: 'B', name: '乙' },
    ];
    expect(checkProposalSettings(bad)).toEqual({
      numbers: { reply_months: 'range' },
      classes: null,
      rows: [
        { code: 'required', name: null },
        { code: 'tooLong', name: 'tooLong' },
        { code: null, name: 'required' },
        { code: 'duplicate', name: null },
      ],
    });
    const seven = copy();
    seven.reply_classes = 'ABCDEFG'.split('').map((code) => ({ code, name: code }));
    expect(checkProposalSettings(seven)?.classes).toBe('count');
  });
});
