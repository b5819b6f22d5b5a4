// The pickers of the member screens: active sectors, parties, special committees and member groups
// of the committee, and its terms (newest first).
import { ref } from 'vue';
import { listAllReference, listAllTerms, type ReferenceItem, type ReferenceKind, type Term } from '@/api/org';

export const MEMBER_REFERENCE_KINDS = ['sector', 'party', 'special_committee', 'member_group'] as const;
export type MemberReferenceKind = (typeof MEMBER_REFERENCE_KINDS)[number] & ReferenceKind;

export function useMemberOptions() {
  const options = ref<Record<MemberReferenceKind, ReferenceItem[]>>({
    sector: [],
    party: [],
    special_committee: [],
    member_group: [],
  });
  const terms = ref<Term[]>([]);

  async function loadReference(): Promise<void> {
    await Promise.all(
      MEMBER_REFERENCE_KINDS.map(async (kind) => {
        try {
          options.value[kind] = await listAllReference(kind, { active: true });
        } catch {
          options.value[kind] = [];
        }
      }),
    );
  }

  /** Loads the terms; false when they could not be read (the list then relies on the server's default). */
  async function loadTerms(): Promise<boolean> {
    try {
      terms.value = await listAllTerms();
      return true;
    } catch {
      terms.value = [];
      return false;
    }
  }

  return { options, terms, loadReference, loadTerms };
}

/** `items` plus `extra` refs it lacks (a member's inactive party still shows its name). */
export function withCurrent(
  items: readonly { id: number; name: string }[],
  ...extra: ({ id: number; name: string } | null | undefined)[]
): { id: number; name: string }[] {
  const out = items.map((i) => ({ id: i.id, name: i.name }));
  for (const e of extra) if (e && !out.some((i) => i.id === e.id)) out.push({ id: e.id, name: e.name });
  return out;
}
