// Mounting the app's views in tests: Pinia with a signed-in user, i18n and a memory router.
// Dialogs render in place (Element Plus teleports them only with append-to-body).
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import { defineComponent, type Component } from 'vue';
import { i18n } from '@/i18n';
import { useAuthStore } from '@/stores/auth';
import type { Me } from '@/api/types';
import { jsonResponse, meBody, type Call } from './helpers';

export async function mountView(
  view: Component,
  options: { permissions: string[]; roles?: string[]; path?: string; routePath?: string },
) {
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore().me = meBody({
    permissions: options.permissions,
    roles: options.roles ?? ['staff'],
  }) as unknown as Me;
  const Stub = defineComponent({ template: '<div />' });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: options.routePath ?? '/', component: view },
      { path: '/members', name: 'members', component: Stub },
      { path: '/members/:id', name: 'member-profile', component: Stub },
      { path: '/:p(.*)*', component: Stub },
    ],
  });
  await router.push(options.path ?? '/');
  const wrapper = mount(view, {
    global: { plugins: [pinia, router, i18n] },
  });
  await flushPromises();
  return { wrapper, router };
}

/** A fetch responder that answers by method and path (without /api/v1 and the query). */
export function byPath(handlers: Record<string, (call: Call) => Response>) {
  return (call: Call): Response => {
    const path = new URL(call.url, 'http://x').pathname.replace(/^\/api\/v1/, '');
    const handler = handlers[`${call.method} ${path}`] ?? handlers[path];
    if (!handler) throw new Error(`unexpected ${call.method} ${path}`);
    return handler(call);
  };
}

export const listOf = (items: unknown[], total = items.length) =>
  jsonResponse(200, { items, total, page: 1, page_size: 100 });

export function queryOf(call: Call): Record<string, string> {
  return Object.fromEntries(new URL(call.url, 'http://x').searchParams);
}

export function pathOf(call: Call): string {
  return new URL(call.url, 'http://x').pathname.replace(/^\/api\/v1/, '');
}

/** Settles promises and Element Plus's debounced form-item error state (shown 100 ms after it is set). */
export async function settle(): Promise<void> {
  await flushPromises();
  await new Promise((resolve) => setTimeout(resolve, 150));
  await flushPromises();
}
