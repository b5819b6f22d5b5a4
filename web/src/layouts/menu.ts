import type { Component } from 'vue';
import {
  Avatar,
  Calendar,
  Collection,
  DataAnalysis,
  Notebook,
  Document,
  HomeFilled,
  Lock,
  OfficeBuilding,
  Postcard,
  School,
  Setting,
  Stamp,
  Tickets,
  Trophy,
  User,
  UserFilled,
} from '@element-plus/icons-vue';
import { Perm, type Permission, type RoleCode } from '@/generated/contract';
import { PROPOSAL_PERMISSIONS } from '@/api/proposals';

export interface MenuItem {
  /** Route path. */
  path: string;
  /** i18n key. */
  title: string;
  icon: Component;
  /** Shown only to users who hold it. */
  permission?: Permission;
  /** Shown only to users who hold at least one of them. */
  anyPermission?: readonly Permission[];
  /** Shown only to users who have this role (a page every signed-in user may open, meant for one role). */
  role?: RoleCode;
}

export const MENU: readonly MenuItem[] = [
  { path: '/', title: 'nav.home', icon: HomeFilled },
  { path: '/proposals', title: 'nav.proposals', icon: Tickets, anyPermission: PROPOSAL_PERMISSIONS },
  {
    path: '/proposals/statistics',
    title: 'proposalStats.title',
    icon: DataAnalysis,
    permission: Perm.PROPOSAL_VIEW_ALL,
  },
  {
    path: '/proposals/commendations',
    title: 'commendations.title',
    icon: Trophy,
    permission: Perm.PROPOSAL_VIEW_ALL,
  },
  {
    path: '/proposals/settings',
    title: 'proposalSettings.title',
    icon: Setting,
    permission: Perm.PROPOSAL_MANAGE,
  },
  { path: '/members', title: 'nav.members', icon: Avatar, permission: Perm.MEMBER_VIEW },
  { path: '/org/terms', title: 'nav.terms', icon: Calendar, permission: Perm.ORG_VIEW },
  { path: '/org/reference', title: 'nav.reference', icon: Collection, permission: Perm.ORG_VIEW },
  { path: '/org/units', title: 'nav.units', icon: Stamp, permission: Perm.ORG_VIEW },
  { path: '/org/experts', title: 'nav.experts', icon: School, permission: Perm.ORG_VIEW },
  { path: '/my/member', title: 'nav.myMember', icon: Postcard, role: 'member' },
  { path: '/calendar', title: 'nav.calendar', icon: Notebook, permission: Perm.CALENDAR_MANAGE },
  { path: '/committees', title: 'nav.committees', icon: OfficeBuilding, permission: Perm.COMMITTEE_VIEW },
  { path: '/users', title: 'nav.users', icon: UserFilled, permission: Perm.USER_VIEW },
  { path: '/audit', title: 'nav.audit', icon: Document, permission: Perm.AUDIT_VIEW },
  { path: '/settings/security', title: 'nav.security', icon: Lock, permission: Perm.SETTINGS_SECURITY_VIEW },
  { path: '/account', title: 'nav.account', icon: User },
];

/** The entries for someone holding `can` and the roles `roles`; none of either = everyone's entries. */
export function visibleMenu(can: (p: Permission) => boolean, roles: readonly string[] = []): MenuItem[] {
  return MENU.filter(
    (item) =>
      (!item.permission || can(item.permission)) &&
      (!item.anyPermission || item.anyPermission.some((p) => can(p))) &&
      (!item.role || roles.includes(item.role)),
  );
}
