// The signed-in user's inbox (docs/API.md "Notifications").
import { api } from './client';
import { pageParams } from './paging';
import type { ListResult } from './types';

export interface AppNotification {
  id: number;
  /** e.g. proposal.cosign_invited, proposal.due_soon */
  kind: string;
  title: string;
  body: string;
  /** A path inside the web app, e.g. /proposals/12 ('' = none). */
  link: string;
  read: boolean;
  created_at: number;
}

export interface NotificationList extends ListResult<AppNotification> {
  /** The caller's unread count (whatever the filter). */
  unread: number;
}

export function listNotifications(query: { unread?: boolean; page?: number; page_size?: number } = {}) {
  return api.get<NotificationList>('/notifications', {
    unread: query.unread ? 'true' : undefined,
    ...pageParams(query.page, query.page_size),
  });
}

export async function fetchUnreadCount(): Promise<number> {
  const result = await api.get<{ unread: number }>('/notifications/unread-count');
  return result.unread;
}

export function markNotificationRead(id: number) {
  return api.post<AppNotification>(`/notifications/${id}/read`);
}

export async function markAllNotificationsRead(): Promise<number> {
  const result = await api.post<{ updated: number }>('/notifications/read-all');
  return result.updated;
}

/** A notification's link when it is a path inside this app (never another site). */
export function internalLink(link: string): string | null {
  if (!link.startsWith('/') || link.startsWith('//') || link.startsWith('/\\')) return null;
  return link;
}
