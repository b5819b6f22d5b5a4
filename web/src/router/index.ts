import {
  createRouter,
  createWebHistory,
  type RouteLocationRaw,
  type RouteRecordRaw,
  type Router,
} from 'vue-router';
import { restrictedStateOf, useAuthStore, type RestrictedState } from '@/stores/auth';
import { Perm, type Permission } from '@/generated/contract';
import { PROPOSAL_PERMISSIONS } from '@/api/proposals';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session. */
    public?: boolean;
    /** i18n key of the page title (breadcrumb, document title). */
    title?: string;
    /** Permission the page needs. */
    permission?: Permission;
    /** The page needs at least one of these permissions. */
    anyPermission?: readonly Permission[];
    /** A page above this one in the breadcrumb (i18n key of its title, and its path). */
    parent?: { title: string; to: string };
  }
}

/** The one page a restricted session may see for each state. */
export const RESTRICTED_ROUTES: Record<RestrictedState, string> = {
  mfa_pending: 'login-mfa',
  must_change_password: 'account-password',
  mfa_enrollment_required: 'account-mfa',
};

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/LoginView.vue'),
    meta: { public: true, title: 'login.title' },
  },
  {
    path: '/login/mfa',
    name: 'login-mfa',
    component: () => import('@/views/MfaVerifyView.vue'),
    meta: { title: 'mfa.verifyTitle' },
  },
  {
    path: '/account/password',
    name: 'account-password',
    component: () => import('@/views/ChangePasswordView.vue'),
    meta: { title: 'password.title' },
  },
  {
    path: '/account/mfa',
    name: 'account-mfa',
    component: () => import('@/views/MfaEnrollView.vue'),
    meta: { title: 'mfa.enrollTitle' },
  },
  {
    path: '/',
    component: () => import('@/layouts/AppLayout.vue'),
    children: [
      {
        path: '',
        name: 'home',
        component: () => import('@/views/HomeView.vue'),
        meta: { title: 'nav.home' },
      },
      {
        path: 'members',
        name: 'members',
        component: () => import('@/views/members/MembersView.vue'),
        meta: { title: 'nav.members', permission: Perm.MEMBER_VIEW },
      },
      {
        path: 'members/:id(\\d+)',
        name: 'member-profile',
        component: () => import('@/views/members/MemberProfileView.vue'),
        meta: {
          title: 'nav.memberProfile',
          permission: Perm.MEMBER_VIEW,
          parent: { title: 'nav.members', to: '/members' },
        },
      },
      {
        path: 'proposals',
        name: 'proposals',
        component: () => import('@/views/proposals/ProposalsView.vue'),
        meta: { title: 'nav.proposals', anyPermission: PROPOSAL_PERMISSIONS },
      },
      {
        path: 'proposals/settings',
        name: 'proposal-settings',
        component: () => import('@/views/proposals/ProposalSettingsView.vue'),
        meta: {
          title: 'proposalSettings.title',
          permission: Perm.PROPOSAL_MANAGE,
          parent: { title: 'nav.proposals', to: '/proposals' },
        },
      },
      {
        path: 'proposals/statistics',
        name: 'proposal-statistics',
        component: () => import('@/views/proposals/StatisticsView.vue'),
        meta: {
          title: 'proposalStats.title',
          permission: Perm.PROPOSAL_VIEW_ALL,
          parent: { title: 'nav.proposals', to: '/proposals' },
        },
      },
      {
        path: 'proposals/commendations',
        name: 'proposal-commendations',
        component: () => import('@/views/proposals/CommendationsView.vue'),
        meta: {
          title: 'commendations.title',
          permission: Perm.PROPOSAL_VIEW_ALL,
          parent: { title: 'nav.proposals', to: '/proposals' },
        },
      },
      {
        path: 'proposals/new',
        name: 'proposal-new',
        component: () => import('@/views/proposals/ProposalEditView.vue'),
        meta: {
          title: 'nav.proposalNew',
          anyPermission: [Perm.PROPOSAL_SUBMIT, Perm.PROPOSAL_MANAGE],
          parent: { title: 'nav.proposals', to: '/proposals' },
        },
      },
      {
        path: 'proposals/:id(\\d+)/edit',
        name: 'proposal-edit',
        component: () => import('@/views/proposals/ProposalEditView.vue'),
        meta: {
          title: 'nav.proposalEdit',
          anyPermission: [Perm.PROPOSAL_SUBMIT, Perm.PROPOSAL_MANAGE],
          parent: { title: 'nav.proposals', to: '/proposals' },
        },
      },
      {
        path: 'proposals/:id(\\d+)',
        name: 'proposal-detail',
        component: () => import('@/views/proposals/ProposalDetailView.vue'),
        meta: {
          title: 'nav.proposalDetail',
          anyPermission: PROPOSAL_PERMISSIONS,
          parent: { title: 'nav.proposals', to: '/proposals' },
        },
      },
      {
        path: 'my/member',
        name: 'my-member',
        component: () => import('@/views/members/MyMemberView.vue'),
        meta: { title: 'nav.myMember' },
      },
      {
        path: 'org/terms',
        name: 'org-terms',
        component: () => import('@/views/org/TermsView.vue'),
        meta: { title: 'nav.terms', permission: Perm.ORG_VIEW },
      },
      {
        path: 'org/reference',
        name: 'org-reference',
        component: () => import('@/views/org/ReferenceView.vue'),
        meta: { title: 'nav.reference', permission: Perm.ORG_VIEW },
      },
      {
        path: 'org/units',
        name: 'org-units',
        component: () => import('@/views/org/UnitsView.vue'),
        meta: { title: 'nav.units', permission: Perm.ORG_VIEW },
      },
      {
        path: 'org/experts',
        name: 'org-experts',
        component: () => import('@/views/org/ExpertsView.vue'),
        meta: { title: 'nav.experts', permission: Perm.ORG_VIEW },
      },
      {
        path: 'committees',
        name: 'committees',
        component: () => import('@/views/CommitteesView.vue'),
        meta: { title: 'nav.committees', permission: Perm.COMMITTEE_VIEW },
      },
      {
        path: 'users',
        name: 'users',
        component: () => import('@/views/UsersView.vue'),
        meta: { title: 'nav.users', permission: Perm.USER_VIEW },
      },
      {
        path: 'audit',
        name: 'audit',
        component: () => import('@/views/AuditView.vue'),
        meta: { title: 'nav.audit', permission: Perm.AUDIT_VIEW },
      },
      {
        path: 'settings/security',
        name: 'settings-security',
        component: () => import('@/views/SecuritySettingsView.vue'),
        meta: { title: 'nav.security', permission: Perm.SETTINGS_SECURITY_VIEW },
      },
      {
        path: 'calendar',
        name: 'calendar',
        component: () => import('@/views/calendar/CalendarView.vue'),
        meta: { title: 'nav.calendar' },
      },
      {
        path: 'notifications',
        name: 'notifications',
        component: () => import('@/views/NotificationsView.vue'),
        meta: { title: 'nav.notifications' },
      },
      {
        path: 'account',
        name: 'account',
        component: () => import('@/views/AccountView.vue'),
        meta: { title: 'nav.account' },
      },
      {
        path: '403',
        name: 'forbidden',
        component: () => import('@/views/ForbiddenView.vue'),
        meta: { title: 'errors.forbiddenTitle' },
      },
    ],
  },
  {
    // 提案公开: citizens' pages, outside the signed-in shell.
    path: '/public',
    component: () => import('@/layouts/PublicLayout.vue'),
    meta: { public: true },
    children: [
      { path: '', redirect: { name: 'public-proposals' } },
      {
        path: 'proposals',
        name: 'public-proposals',
        component: () => import('@/views/public/PublicProposalsView.vue'),
        meta: { public: true, title: 'publicProposals.title' },
      },
      {
        path: 'proposals/:id(\\d+)',
        name: 'public-proposal',
        component: () => import('@/views/public/PublicProposalView.vue'),
        meta: { public: true, title: 'publicProposals.detailTitle' },
      },
    ],
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/NotFoundView.vue'),
    meta: { public: true, title: 'errors.notFoundTitle' },
  },
];

/** A redirect target from a query, only when it is a path inside this app (no open redirect). */
export function safeRedirect(value: unknown): string | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string' || !text.startsWith('/') || text.startsWith('//') || text.startsWith('/\\'))
    return null;
  if (text === '/login' || text.startsWith('/login?') || text.startsWith('/login/')) return null;
  return text;
}

/** Where to go once signed in: the page a restricted session must see, else `redirect`, else home. */
export function landingRoute(
  flags: { mfa_pending: boolean; must_change_password: boolean; mfa_enrollment_required: boolean } | null,
  redirect: unknown,
): RouteLocationRaw {
  const target = safeRedirect(redirect);
  const state = flags ? restrictedStateOf(flags) : null;
  if (state) return { name: RESTRICTED_ROUTES[state], query: target ? { redirect: target } : {} };
  return target ?? { name: 'home' };
}

const FLOW_ROUTES = new Set(Object.values(RESTRICTED_ROUTES));

export function installGuards(router: Router): void {
  router.beforeEach(async (to) => {
    // The public pages need no session: a visitor is not even asked for one (only /login looks, to
    // move a signed-in user on).
    if (to.meta.public && to.name !== 'login') return true;
    const auth = useAuthStore();
    if (!auth.loaded) {
      try {
        await auth.fetchMe();
      } catch {
        // Server unreachable: treat as signed out; the login form shows the network error.
      }
    }
    if (to.meta.public) {
      if (to.name === 'login' && auth.isAuthenticated) return landingRoute(auth.me, to.query.redirect);
      return true;
    }
    if (!auth.isAuthenticated) return { name: 'login', query: { redirect: to.fullPath } };

    const state = auth.restrictedState;
    // Keep the page the user first wanted through the whole login flow.
    const wanted = FLOW_ROUTES.has(String(to.name)) ? safeRedirect(to.query.redirect) : to.fullPath;
    if (state) {
      const target = RESTRICTED_ROUTES[state];
      if (to.name !== target) return { name: target, query: wanted ? { redirect: wanted } : {} };
      return true;
    }
    if (to.name === 'login-mfa') return landingRoute(null, to.query.redirect);
    if (to.meta.permission && !auth.can(to.meta.permission)) return { name: 'forbidden' };
    if (to.meta.anyPermission && !to.meta.anyPermission.some((p) => auth.can(p)))
      return { name: 'forbidden' };
    return true;
  });
}

export function createAppRouter(): Router {
  const router = createRouter({ history: createWebHistory(), routes, scrollBehavior: () => ({ top: 0 }) });
  installGuards(router);
  return router;
}
