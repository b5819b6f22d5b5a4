import { reactive } from 'vue';
import { ApiError } from '@/api/client';

/**
 * Server-side field errors for a form: `errors[field]` goes into `<el-form-item :error>`.
 * `apply` returns the message to show for the form as a whole ('' when every error sits next to a field).
 */
export function useServerErrors<F extends string>(fields: readonly F[]) {
  const store: Record<string, string> = reactive(Object.fromEntries(fields.map((f) => [f, ''])));
  const errors = store as Record<F, string>;

  function clear(): void {
    for (const f of fields) store[f] = '';
  }

  function apply(error: unknown, aliases: Partial<Record<string, F>> = {}): string {
    clear();
    if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
    let unplaced = false;
    for (const [field, text] of Object.entries(error.fieldErrors)) {
      const target: string = aliases[field] ?? field;
      if ((fields as readonly string[]).includes(target)) store[target] = text;
      else unplaced = true;
    }
    const placed = Object.keys(error.fieldErrors).length > 0 && !unplaced;
    return placed ? '' : error.message;
  }

  return { errors, clear, apply };
}
