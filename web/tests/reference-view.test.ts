import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import ReferenceView from '@/views/org/ReferenceView.vue';
import { apiError, mockFetch } from './helpers';
import { byPath, listOf, mountView, pathOf, queryOf } from './views-helpers';

vi.setConfig({ testTimeout: 30000 });

const item = (id: number, name: string, usage: number, extra: object = {}) => ({
  id,
  kind: 'sector',
  name,
  code: null,
  parent_id: null,
  parent_name: null,
  sort_order: id,
  is_active: true,
  usage,
  ...extra,
});

let wrapper: VueWrapper | null = null;
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

async function mountReference(permissions = ['org.view', 'org.manage']) {
  const mounted = await mountView(ReferenceView, { permissions });
  wrapper = mounted.wrapper;
  return mounted.wrapper;
}

const rowOf = (view: VueWrapper, name: string) =>
  view.findAll('.el-table__body tr').find((tr) => tr.text().includes(name))!;

describe('reference data view', () => {
  it('has a tab per kind and offers delete only for unused items', async () => {
    mockFetch(byPath({ '/reference/sector': () => listOf([item(1, '教育界', 0), item(2, '经济界', 12)]) }));
    const view = await mountReference();
    const tabs = view.findAll('[role="tab"]').map((t) => t.text());
    expect(tabs).toEqual(['界别', '党派', '专门委员会', '委员小组', '街道', '社区', '楼宇/园区', '提案类别']);
    expect(rowOf(view, '教育界').find('[data-test="delete"]').exists()).toBe(true);
    expect(rowOf(view, '经济界').find('[data-test="delete"]').exists()).toBe(false);
    expect(rowOf(view, '经济界').text()).toContain('12');
  });

  it('shows no edit, switch or delete without org.manage', async () => {
    mockFetch(byPath({ '/reference/sector': () => listOf([item(1, '教育界', 0)]) }));
    const view = await mountReference(['org.view']);
    expect(view.find('[data-test="delete"]').exists()).toBe(false);
    expect(view.findComponent({ name: 'ElSwitch' }).exists()).toBe(false);
    expect(rowOf(view, '教育界').text()).toContain('启用');
  });

  it('shows the 409 reference.in_use message when a delete is refused anyway', async () => {
    const { calls } = mockFetch(
      byPath({
        'GET /reference/sector': () => listOf([item(1, '教育界', 0)]),
        'DELETE /reference/sector/1': () =>
          apiError(409, 'reference.in_use', '该项已被使用，不能删除，可改为停用'),
      }),
    );
    const view = await mountReference();
    const confirm = rowOf(view, '教育界').findComponent({ name: 'ElPopconfirm' });
    confirm.vm.$emit('confirm', new MouseEvent('click'));
    await flushPromises();
    expect(calls.some((c) => c.method === 'DELETE' && pathOf(c) === '/reference/sector/1')).toBe(true);
    expect(document.body.textContent).toContain('该项已被使用，不能删除，可改为停用');
  });

  it('community tab: street column and street filter', async () => {
    const { calls } = mockFetch(
      byPath({
        'GET /reference/sector': () => listOf([]),
        'GET /reference/street': () => listOf([item(7, '猎德街道', 3, { kind: 'street' })]),
        'GET /reference/community': () =>
          listOf([item(9, '华港社区', 0, { kind: 'community', parent_id: 7, parent_name: '猎德街道' })]),
      }),
    );
    const view = await mountReference();
    const tab = view.findAll('[role="tab"]').find((t) => t.text() === '社区')!;
    await tab.trigger('click');
    await flushPromises();
    expect(rowOf(view, '华港社区').text()).toContain('猎德街道');
    const filter = view.findComponent('[data-test="street-filter"]') as VueWrapper;
    filter.vm.$emit('update:modelValue', 7);
    filter.vm.$emit('change', 7);
    await flushPromises();
    const last = calls.filter((c) => pathOf(c) === '/reference/community').at(-1)!;
    expect(queryOf(last)).toEqual({ parent_id: '7', page: '1', page_size: '20' });
  });
});
