import type { Component } from 'vue';
import { Document, HomeFilled, Lock, OfficeBuilding, User, UserFilled } from '@element-plus/icons-vue';
import { Perm, type Permission } from '@/generated/contract';

export interface MenuItem {
  /** Route path. */
  path: string;
  /** i18n key. */
  title: string;
  icon: Component;
  /** Shown only to users who hold it; none = everyone. */
  permission?: Permission;
}

export const MENU: readonly MenuItem[] = [
  { path: '/', title: 'nav.home', icon: HomeFilled },
  { path: '/committees', title: 'nav.committees', icon: OfficeBuilding, permission: Perm.COMMITTEE_VIEW },
  { path: '/users', title: 'nav.users', icon: UserFilled, permission: Perm.USER_VIEW },
  { path: '/audit', title: 'nav.audit', icon: Document, permission: Perm.AUDIT_VIEW },
  { path: '/settings/security', title: 'nav.security', icon: Lock, permission: Perm.SETTINGS_SECURITY_VIEW },
  { path: '/account', title: 'nav.account', icon: User },
];

export function visibleMenu(can: (p: Permission) => boolean): MenuItem[] {
  return MENU.filter((item) => !item.permission || can(item.permission));
}
