import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import { defineComponent } from 'vue';
import SideMenu from '@/layouts/SideMenu.vue';
import { i18n } from '@/i18n';
import { useAuthStore } from '@/stores/auth';
import type { Me } from '@/api/types';
import { meBody } from './helpers';

async function menuFor(permissions: string[]): Promise<string[]> {
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore().me = meBody({ permissions }) as unknown as Me;
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:p(.*)*', component: defineComponent({ template: '<div />' }) }],
  });
  await router.push('/');
  const wrapper = mount(SideMenu, { global: { plugins: [pinia, router, i18n] } });
  return wrapper.findAll('.el-menu-item').map((li) => li.text());
}

describe('side menu', () => {
  it('shows only what the permissions allow', async () => {
    expect(await menuFor([])).toEqual(['首页', '我的账户']);
    expect(await menuFor(['committee.view', 'user.view'])).toEqual([
      '首页',
      '政协委员会',
      '用户管理',
      '我的账户',
    ]);
    expect(await menuFor(['audit.view'])).toEqual(['首页', '审计日志', '我的账户']);
    expect(await menuFor(['settings.security.view'])).toEqual(['首页', '安全设置', '我的账户']);
    expect(await menuFor(['settings.security.view', 'settings.security.edit'])).toEqual([
      '首页',
      '安全设置',
      '我的账户',
    ]);
  });
});
