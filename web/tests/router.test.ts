import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import { installGuards, landingRoute, safeRedirect } from '@/router';
import { setCsrfToken } from '@/api/client';
import { apiError, jsonResponse, meBody, mockFetch } from './helpers';
import { defineComponent } from 'vue';

const Stub = defineComponent({ template: '<div />' });

function makeRouter() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'login', component: Stub, meta: { public: true } },
      { path: '/login/mfa', name: 'login-mfa', component: Stub },
      { path: '/account/password', name: 'account-password', component: Stub },
      { path: '/account/mfa', name: 'account-mfa', component: Stub },
      { path: '/', name: 'home', component: Stub },
      { path: '/committees', name: 'committees', component: Stub, meta: { permission: 'committee.view' } },
      { path: '/audit', name: 'audit', component: Stub, meta: { permission: 'audit.view' } },
      { path: '/403', name: 'forbidden', component: Stub },
    ],
  });
  installGuards(router);
  return router;
}

describe('redirect helpers', () => {
  it('accepts only paths inside the app', () => {
    expect(safeRedirect('/committees?page=2')).toBe('/committees?page=2');
    expect(safeRedirect(['/audit'])).toBe('/audit');
    expect(safeRedirect('//evil.example')).toBeNull();
    expect(safeRedirect('/\\evil.example')).toBeNull();
    expect(safeRedirect('javascript:alert(1)')).toBeNull();
    expect(safeRedirect('/login')).toBeNull();
    expect(safeRedirect(undefined)).toBeNull();
  });

  it('lands on the page a restricted session must see, keeping the redirect', () => {
    const flags = { mfa_pending: false, must_change_password: false, mfa_enrollment_required: false };
    expect(landingRoute({ ...flags, mfa_pending: true }, '/audit')).toEqual({
      name: 'login-mfa',
      query: { redirect: '/audit' },
    });
    expect(landingRoute({ ...flags, must_change_password: true }, null)).toEqual({
      name: 'account-password',
      query: {},
    });
    expect(landingRoute({ ...flags, mfa_enrollment_required: true }, '/x')).toEqual({
      name: 'account-mfa',
      query: { redirect: '/x' },
    });
    expect(landingRoute(flags, '/audit')).toBe('/audit');
    expect(landingRoute(flags, '//evil')).toEqual({ name: 'home' });
  });
});

describe('router guards', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    setCsrfToken(null);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('sends a visitor without a session to /login with the wanted page as redirect', async () => {
    mockFetch(() => apiError(401, 'auth.unauthenticated'));
    const router = makeRouter();
    await router.push('/committees?q=1');
    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query.redirect).toBe('/committees?q=1');
  });

  it('keeps a restricted session on its one page, carrying the redirect along', async () => {
    mockFetch(() => jsonResponse(200, meBody({ must_change_password: true, permissions: [] })));
    const router = makeRouter();
    await router.push('/committees');
    expect(router.currentRoute.value.name).toBe('account-password');
    expect(router.currentRoute.value.query.redirect).toBe('/committees');
    await router.push('/account/mfa?redirect=/committees');
    expect(router.currentRoute.value.name).toBe('account-password');
    expect(router.currentRoute.value.query.redirect).toBe('/committees');
  });

  it('shows the 403 page for a page the user lacks the permission for', async () => {
    mockFetch(() => jsonResponse(200, meBody()));
    const router = makeRouter();
    await router.push('/committees');
    expect(router.currentRoute.value.name).toBe('committees');
    await router.push('/audit');
    expect(router.currentRoute.value.name).toBe('forbidden');
  });

  it('moves a signed-in user away from /login to the redirect', async () => {
    mockFetch(() => jsonResponse(200, meBody()));
    const router = makeRouter();
    await router.push('/login?redirect=/committees');
    expect(router.currentRoute.value.name).toBe('committees');
  });
});
