import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { createAppRouter } from '@/router';
import { visibleMenu } from '@/layouts/menu';
import { setCsrfToken } from '@/api/client';
import { jsonResponse, meBody, mockFetch } from './helpers';

const can = (permissions: string[]) => (p: string) => permissions.includes(p);

describe('proposal menu entry', () => {
  it('is shown to anyone holding one of the proposal permissions', () => {
    const titles = (permissions: string[]) => visibleMenu(can(permissions)).map((i) => i.title);
    for (const p of [
      'proposal.submit',
      'proposal.view_all',
      'proposal.manage',
      'proposal.supervise',
      'proposal.handle',
      'proposal.sign_off',
    ]) {
      expect(titles([p])).toContain('nav.proposals');
    }
    expect(titles(['user.view', 'audit.view'])).not.toContain('nav.proposals');
    expect(titles([])).not.toContain('nav.proposals');
  });
});

describe('proposal routes', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    setCsrfToken(null);
  });
  afterEach(() => vi.unstubAllGlobals());

  async function landing(path: string, permissions: string[], roles: string[]) {
    setActivePinia(createPinia());
    // Any request but /auth/me (a lazily loaded view's data) is answered with an empty body.
    mockFetch((call) =>
      call.url.endsWith('/auth/me')
        ? jsonResponse(200, meBody({ permissions, roles }))
        : jsonResponse(200, {}),
    );
    const router = createAppRouter();
    // Where the app's guard lets the navigation go (stopped there: no lazy view needs loading).
    let reached = '';
    router.beforeEach((to) => {
      reached = String(to.name);
      return false;
    });
    await router.push(path);
    return { name: reached, meta: router.resolve(path).meta };
  }

  it('opens the list and a proposal for every proposal role, with breadcrumb parents', async () => {
    const list = await landing('/proposals?queue=unit_new', ['proposal.handle'], ['unit_clerk']);
    expect(list.name).toBe('proposals');
    const detail = await landing('/proposals/12', ['proposal.view_all', 'proposal.supervise'], ['leader']);
    expect(detail.name).toBe('proposal-detail');
    expect(detail.meta.parent).toEqual({ title: 'nav.proposals', to: '/proposals' });
    const edit = await landing('/proposals/12/edit', ['proposal.submit'], ['member']);
    expect(edit.name).toBe('proposal-edit');
    expect(edit.meta.parent).toEqual({ title: 'nav.proposals', to: '/proposals' });
    expect((await landing('/proposals/new', ['proposal.view_all', 'proposal.manage'], ['staff'])).name).toBe(
      'proposal-new',
    );
  });

  it('keeps out those without the permissions', async () => {
    expect((await landing('/proposals', ['user.view'], ['sysadmin'])).name).toBe('forbidden');
    expect((await landing('/proposals/3', ['audit.view'], ['auditor'])).name).toBe('forbidden');
    // Leaders and units read proposals but do not draft them.
    expect(
      (await landing('/proposals/new', ['proposal.view_all', 'proposal.supervise'], ['leader'])).name,
    ).toBe('forbidden');
    expect((await landing('/proposals/3/edit', ['proposal.handle'], ['unit_clerk'])).name).toBe('forbidden');
  });
});
