import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import { defineComponent, effectScope } from 'vue';
import { i18n } from '@/i18n';
import HighlightText from '@/components/HighlightText.vue';
import SimilarProposals from '@/views/proposals/SimilarProposals.vue';
import { SIMILAR_DELAY_MS, similarTextLength, useSimilarProposals } from '@/composables/useSimilarProposals';
import { addSuggestedUnit, chosenUnitIds, type AssignChoice } from '@/views/proposals/unitSuggestions';
import type { SimilarInput, SimilarProposal } from '@/api/proposals';

describe('HighlightText', () => {
  it('marks exactly the hit segments and keeps the text in order', () => {
    const wrapper = mount(HighlightText, {
      props: {
        segments: [
          { text: '关于加强', hit: false },
          { text: '社区', hit: true },
          { text: '养老服务的', hit: false },
          { text: '建议', hit: true },
        ],
      },
    });
    expect(wrapper.text()).toBe('关于加强社区养老服务的建议');
    expect(wrapper.findAll('mark').map((m) => m.text())).toEqual(['社区', '建议']);
  });

  it('shows markup in the text as text, never as HTML', () => {
    const wrapper = mount(HighlightText, {
      props: {
        segments: [
          { text: '<img src=x onerror=alert(1)>', hit: true },
          { text: '<b>粗</b>', hit: false },
        ],
      },
    });
    expect(wrapper.find('img').exists()).toBe(false);
    expect(wrapper.find('b').exists()).toBe(false);
    expect(wrapper.find('mark').text()).toBe('<img src=x onerror=alert(1)>');
    expect(wrapper.text()).toContain('<b>粗</b>');
  });

  it('renders nothing for no segments', () => {
    const wrapper = mount(HighlightText, { props: { segments: [] } });
    expect(wrapper.text()).toBe('');
    expect(wrapper.find('mark').exists()).toBe(false);
  });
});

const item = (id: number, overrides: Partial<SimilarProposal> = {}): SimilarProposal => ({
  id,
  number_label: `第00${id}号`,
  title: `提案${id}`,
  state: 'filed',
  state_name: '已立案',
  session_name: '八届五次会议',
  score: 0.5,
  can_open: true,
  ...overrides,
});

const text = (title: string, analysis = '', suggestions = '', exclude_id = 0): SimilarInput => ({
  title,
  analysis,
  suggestions,
  exclude_id,
});

describe('similar lookup while drafting', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A lookup whose answers the test releases one by one. */
  function deferredFetch() {
    const calls: { input: SimilarInput; signal: AbortSignal }[] = [];
    const pending: ((items: SimilarProposal[]) => void)[] = [];
    const failures: ((error: unknown) => void)[] = [];
    const fetch = vi.fn(
      (input: SimilarInput, signal: AbortSignal) =>
        new Promise<SimilarProposal[]>((resolve, reject) => {
          calls.push({ input, signal });
          pending.push(resolve);
          failures.push(reject);
        }),
    );
    return { fetch, calls, pending, failures };
  }

  it('counts the characters of title and text, not the spaces around them', () => {
    expect(similarTextLength(text('  关于停车  ', ' 现状 ', ''))).toBe(6);
    expect(similarTextLength(text('𠀀𠀁', '', ''))).toBe(2);
  });

  it('asks 1.5 s after typing stops, once, with the latest text', async () => {
    const { fetch, calls, pending } = deferredFetch();
    const lookup = useSimilarProposals({ fetch });
    lookup.update(text('关于加强社区养老'));
    await vi.advanceTimersByTimeAsync(1000);
    lookup.update(text('关于加强社区养老服务'));
    await vi.advanceTimersByTimeAsync(1000);
    lookup.update(text('关于加强社区养老服务', '现状', '', 7));
    await vi.advanceTimersByTimeAsync(SIMILAR_DELAY_MS - 1);
    expect(fetch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => c.input)).toEqual([text('关于加强社区养老服务', '现状', '', 7)]);
    expect(lookup.loading.value).toBe(true);
    pending[0]!([item(1)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(lookup.items.value.map((i) => i.id)).toEqual([1]);
    expect(lookup.searched.value).toBe(true);
    expect(lookup.loading.value).toBe(false);
  });

  it('asks nothing below 10 characters, and clears what was shown', async () => {
    const { fetch, pending } = deferredFetch();
    const lookup = useSimilarProposals({ fetch });
    lookup.update(text('关于停车', '现状很乱'));
    await vi.advanceTimersByTimeAsync(5000);
    expect(fetch).not.toHaveBeenCalled();
    lookup.update(text('关于停车难的问题', '现状很乱'));
    await vi.advanceTimersByTimeAsync(SIMILAR_DELAY_MS);
    pending[0]!([item(1)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(lookup.items.value).toHaveLength(1);
    lookup.update(text('关于', ''));
    expect(lookup.items.value).toEqual([]);
    expect(lookup.searched.value).toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('does not ask again for the same text (other fields changed, or spaces)', async () => {
    const { fetch, pending } = deferredFetch();
    const lookup = useSimilarProposals({ fetch });
    lookup.update(text('关于加强社区养老服务'));
    await vi.advanceTimersByTimeAsync(SIMILAR_DELAY_MS);
    pending[0]!([]);
    await vi.advanceTimersByTimeAsync(0);
    lookup.update(text('关于加强社区养老服务 '));
    await vi.advanceTimersByTimeAsync(SIMILAR_DELAY_MS * 2);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(lookup.searched.value).toBe(true);
    expect(lookup.items.value).toEqual([]);
  });

  it('drops an answer that comes after the text changed, and aborts its request', async () => {
    const { fetch, calls, pending } = deferredFetch();
    const lookup = useSimilarProposals({ fetch });
    lookup.update(text('关于加强社区养老服务'));
    await vi.advanceTimersByTimeAsync(SIMILAR_DELAY_MS);
    expect(calls).toHaveLength(1);
    lookup.update(text('关于改善老旧小区停车'));
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(lookup.loading.value).toBe(false);
    // The old answer arrives late: not shown.
    pending[0]!([item(1)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(lookup.items.value).toEqual([]);
    expect(lookup.searched.value).toBe(false);
    await vi.advanceTimersByTimeAsync(SIMILAR_DELAY_MS);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.input.title).toBe('关于改善老旧小区停车');
    pending[1]!([item(2)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(lookup.items.value.map((i) => i.id)).toEqual([2]);
  });

  it('keeps the last matches on a failure, says so, and retries on demand', async () => {
    const { fetch, calls, pending, failures } = deferredFetch();
    const lookup = useSimilarProposals({ fetch });
    lookup.update(text('关于加强社区养老服务'));
    await vi.advanceTimersByTimeAsync(SIMILAR_DELAY_MS);
    pending[0]!([item(1)]);
    await vi.advanceTimersByTimeAsync(0);
    lookup.update(text('关于加强社区养老服务设施'));
    await vi.advanceTimersByTimeAsync(SIMILAR_DELAY_MS);
    failures[1]!(new Error('网络连接失败'));
    await vi.advanceTimersByTimeAsync(0);
    expect(lookup.error.value).toBe('网络连接失败');
    expect(lookup.items.value.map((i) => i.id)).toEqual([1]);
    void lookup.retry(text('关于加强社区养老服务设施'));
    expect(calls).toHaveLength(3);
    pending[2]!([item(3)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(lookup.error.value).toBe('');
    expect(lookup.items.value.map((i) => i.id)).toEqual([3]);
  });

  it('stops with its scope: no request after the page is left', async () => {
    const { fetch } = deferredFetch();
    const scope = effectScope();
    const lookup = scope.run(() => useSimilarProposals({ fetch }))!;
    lookup.update(text('关于加强社区养老服务'));
    scope.stop();
    await vi.advanceTimersByTimeAsync(SIMILAR_DELAY_MS * 2);
    lookup.update(text('关于加强社区养老服务设施建设'));
    await vi.advanceTimersByTimeAsync(SIMILAR_DELAY_MS * 2);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('unit suggestions in the assign dialog', () => {
  const choice = (overrides: Partial<AssignChoice> = {}): AssignChoice => ({
    mode: 'single',
    single_unit: null,
    separate_units: [],
    lead_unit: null,
    co_units: [],
    ...overrides,
  });

  it('puts the unit where the mode takes units', () => {
    expect(addSuggestedUnit(choice(), 3)).toEqual({ single_unit: 3 });
    expect(addSuggestedUnit(choice({ single_unit: 2 }), 3)).toEqual({ single_unit: 3 });
    expect(addSuggestedUnit(choice({ mode: 'separate', separate_units: [1] }), 3)).toEqual({
      separate_units: [1, 3],
    });
    expect(addSuggestedUnit(choice({ mode: 'lead' }), 3)).toEqual({ lead_unit: 3 });
    expect(addSuggestedUnit(choice({ mode: 'lead', lead_unit: 1, co_units: [2] }), 3)).toEqual({
      co_units: [2, 3],
    });
  });

  it('adds nothing already chosen, in any role', () => {
    expect(addSuggestedUnit(choice({ single_unit: 3 }), 3)).toEqual({});
    expect(addSuggestedUnit(choice({ mode: 'separate', separate_units: [3] }), 3)).toEqual({});
    expect(addSuggestedUnit(choice({ mode: 'lead', lead_unit: 3 }), 3)).toEqual({});
    expect(addSuggestedUnit(choice({ mode: 'lead', lead_unit: 1, co_units: [3] }), 3)).toEqual({});
    expect(chosenUnitIds(choice({ mode: 'lead', lead_unit: 1, co_units: [3, 4] }))).toEqual([1, 3, 4]);
    expect(chosenUnitIds(choice({ mode: 'single', separate_units: [5] }))).toEqual([]);
  });
});

describe('SimilarProposals list', () => {
  async function render(props: { items: SimilarProposal[] } & Record<string, unknown>) {
    const Stub = defineComponent({ template: '<div />' });
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/:p(.*)*', component: Stub }],
    });
    await router.push('/');
    return mount(SimilarProposals, {
      props: { title: '相似提案', ...props },
      global: { plugins: [router, i18n] },
    });
  }

  it('links what the caller may open, shows the rest as text, with state and 相似度', async () => {
    const wrapper = await render({
      items: [
        item(12, { title: '关于社区养老', score: 0.623 }),
        item(13, {
          title: '别人的草稿',
          number_label: '',
          can_open: false,
          state: 'submitted',
          state_name: '待初审',
          score: 0.151,
        }),
      ],
    });
    const rows = wrapper.findAll('[data-test="similar-item"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.find('a').attributes('href')).toBe('/proposals/12');
    expect(rows[0]!.text()).toContain('第0012号');
    expect(rows[0]!.text()).toContain('已立案');
    expect(rows[0]!.find('[data-test="similar-score"]').text()).toBe('相似度 62%');
    expect(rows[1]!.find('a').exists()).toBe(false);
    expect(rows[1]!.find('[data-test="similar-text"]').text()).toBe('别人的草稿');
    expect(rows[1]!.text()).toContain('未立案');
    expect(rows[1]!.text()).toContain('相似度 15%');
  });

  it('says 未发现相似提案 when nothing matched, and the hint before any lookup', async () => {
    expect((await render({ items: [] })).find('[data-test="similar-empty"]').text()).toBe('未发现相似提案');
    const before = await render({ items: [], searched: false, hint: '请先填写' });
    expect(before.find('[data-test="similar-hint"]').text()).toBe('请先填写');
    expect(before.find('[data-test="similar-empty"]').exists()).toBe(false);
    const failed = await render({ items: [], error: '网络连接失败' });
    expect(failed.find('[data-test="similar-error"]').exists()).toBe(true);
    expect(failed.find('[data-test="similar-empty"]').exists()).toBe(false);
  });

  it('opens the proposals in a new tab beside a draft', async () => {
    const wrapper = await render({ items: [item(12)], newTab: true });
    expect(wrapper.find('a').attributes('target')).toBe('_blank');
  });
});
