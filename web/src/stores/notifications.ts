// The signed-in user's unread notification count, shared by the header bell and the inbox page.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { fetchUnreadCount } from '@/api/notifications';

/** How often the header bell refreshes the count while the user is active. */
export const NOTIFICATION_POLL_MS = 60_000;

export const useNotificationsStore = defineStore('notifications', () => {
  const unread = ref(0);

  /** Asks the server; on failure the last known count stays (the bell is not worth an error). */
  async function refresh(): Promise<void> {
    try {
      unread.value = await fetchUnreadCount();
    } catch {
      // keep the last count; a lost session is handled by the client's 401 hook
    }
  }

  function set(count: number): void {
    unread.value = Math.max(0, count);
  }

  return { unread, refresh, set };
});
