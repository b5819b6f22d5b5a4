// Similar proposals while a member drafts one: 1.5 s after typing stops (and once the title and text
// hold at least 10 characters) the text goes to POST /proposals/similar. An answer that comes back
// after the text changed again is stale and dropped (its request is aborted too), so the panel never
// shows matches for words the member has since replaced.
import { getCurrentScope, onScopeDispose, ref } from 'vue';
import { similar, type SimilarInput, type SimilarProposal } from '@/api/proposals';

export const SIMILAR_DELAY_MS = 1500;
export const SIMILAR_MIN_CHARS = 10;

export interface SimilarLookupOptions {
  delay?: number;
  minChars?: number;
  /** The lookup itself (default: the API). */
  fetch?: (input: SimilarInput, signal: AbortSignal) => Promise<SimilarProposal[]>;
}

/** Characters of the text that counts (title, analysis, suggestions, trimmed). */
export function similarTextLength(input: Pick<SimilarInput, 'title' | 'analysis' | 'suggestions'>): number {
  return [input.title, input.analysis, input.suggestions].reduce(
    (sum, text) => sum + Array.from((text ?? '').trim()).length,
    0,
  );
}

/** What makes two lookups the same (whitespace at the ends does not change the matches). */
const keyOf = (input: SimilarInput) =>
  JSON.stringify([input.title.trim(), input.analysis.trim(), input.suggestions.trim(), input.exclude_id]);

const defaultFetch = async (input: SimilarInput, signal: AbortSignal) =>
  (await similar(input, signal)).items ?? [];

export function useSimilarProposals(options: SimilarLookupOptions = {}) {
  const delay = options.delay ?? SIMILAR_DELAY_MS;
  const minChars = options.minChars ?? SIMILAR_MIN_CHARS;
  const fetchSimilar = options.fetch ?? defaultFetch;

  const items = ref<SimilarProposal[]>([]);
  const loading = ref(false);
  const error = ref('');
  /** A lookup answered for the text as it is now (else the panel shows a hint). */
  const searched = ref(false);

  let timer: ReturnType<typeof setTimeout> | null = null;
  let controller: AbortController | null = null;
  /** Bumped whenever the text changes: answers of older lookups are ignored. */
  let generation = 0;
  let lastKey: string | null = null;
  let disposed = false;

  function clearTimer(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  /** Drops the lookup in flight (its answer would be stale). */
  function cancel(): void {
    generation++;
    controller?.abort();
    controller = null;
    loading.value = false;
  }

  async function run(input: SimilarInput): Promise<void> {
    const mine = ++generation;
    controller?.abort();
    const current = new AbortController();
    controller = current;
    loading.value = true;
    try {
      const found = await fetchSimilar(input, current.signal);
      if (mine !== generation) return;
      items.value = found;
      error.value = '';
      searched.value = true;
    } catch (cause) {
      if (mine !== generation) return;
      error.value = cause instanceof Error ? cause.message : String(cause);
    } finally {
      if (mine === generation) {
        loading.value = false;
        controller = null;
      }
    }
  }

  /** The draft's text changed (any field); an unchanged text asks nothing. */
  function update(input: SimilarInput): void {
    if (disposed) return;
    const key = keyOf(input);
    if (key === lastKey) return;
    lastKey = key;
    clearTimer();
    cancel();
    if (similarTextLength(input) < minChars) {
      items.value = [];
      error.value = '';
      searched.value = false;
      return;
    }
    const snapshot = { ...input };
    timer = setTimeout(() => {
      timer = null;
      void run(snapshot);
    }, delay);
  }

  /** Asks again now with the same text (after a failure). */
  function retry(input: SimilarInput): Promise<void> {
    clearTimer();
    lastKey = keyOf(input);
    if (similarTextLength(input) < minChars) return Promise.resolve();
    return run({ ...input });
  }

  function dispose(): void {
    disposed = true;
    clearTimer();
    cancel();
  }

  if (getCurrentScope()) onScopeDispose(dispose);

  return { items, loading, error, searched, update, retry, dispose };
}
