// The committee named in the public pages' header comes from the data the page shows (each published
// proposal carries its committee_name), not from a setting or a signed-in session.
import { inject, provide, ref, type InjectionKey, type Ref } from 'vue';

const KEY: InjectionKey<Ref<string>> = Symbol('public-committee');

/** In the public layout: the name its pages report. */
export function providePublicCommittee(): Ref<string> {
  const name = ref('');
  provide(KEY, name);
  return name;
}

/**
 * In a public page: reports the committee of what it shows, or none (empty) when it shows several
 * committees' proposals (ignored outside the public layout).
 */
export function usePublicCommittee(): (name: string | null | undefined) => void {
  const shared = inject(KEY, null);
  return (name) => {
    if (shared) shared.value = name ?? '';
  };
}
