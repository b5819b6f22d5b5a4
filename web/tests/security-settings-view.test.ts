import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import SecuritySettingsView from '@/views/SecuritySettingsView.vue';
import { i18n } from '@/i18n';
import { useAuthStore } from '@/stores/auth';
import type { Me } from '@/api/types';
import { apiError, jsonResponse, meBody, mockFetch } from './helpers';

afterEach(() => vi.unstubAllGlobals());

const SETTINGS = {
  password_min_length: 10,
  password_min_classes: 3,
  password_history: 5,
  password_max_age_days: 90,
  lockout_threshold: 5,
  lockout_window_minutes: 15,
  lockout_minutes: 15,
  login_rate_limit_per_minute: 30,
  session_idle_minutes: 30,
  session_absolute_hours: 12,
  mfa_required_for_all: false,
};

async function mountWith(permissions: string[]) {
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore().me = meBody({ permissions }) as unknown as Me;
  const wrapper = mount(SecuritySettingsView, { global: { plugins: [pinia, i18n] } });
  await flushPromises();
  return wrapper;
}

describe('security settings view', () => {
  it('is read-only without settings.security.edit', async () => {
    mockFetch(() => jsonResponse(200, SETTINGS));
    const wrapper = await mountWith(['settings.security.view']);
    expect(wrapper.text()).toContain('您只能查看安全设置');
    expect(wrapper.find('button[type="submit"]').exists()).toBe(false);
    expect(wrapper.findAll('input').every((i) => i.attributes('disabled') !== undefined)).toBe(true);
  });

  it('sends only the toggled field when saving', async () => {
    const { calls } = mockFetch(
      () => jsonResponse(200, SETTINGS),
      () =>
        apiError(422, 'request.validation_failed', '参数有误', {
          fields: { session_idle_minutes: '超出范围' },
        }),
    );
    const wrapper = await mountWith(['settings.security.view', 'settings.security.edit']);
    expect(wrapper.text()).toContain('允许范围：8–64');
    await wrapper.findComponent({ name: 'ElSwitch' }).trigger('click');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(calls[1]!.body).toEqual({ mfa_required_for_all: true });
  });
});
