// When the server will end an idle session, seen from the browser. The server alone decides expiry;
// this only lets the web app warn the user in time and go to the login page when it happens.

/** The server refreshes a session's last-seen time at most once a minute (session.cpp). */
export const SERVER_TOUCH_INTERVAL_MS = 60_000;
/** How long before the deadline the warning appears. */
export const WARNING_LEAD_MS = 120_000;

export interface SessionLimits {
  /** Idle timeout in seconds. */
  idleTimeoutSeconds: number;
  /** Absolute end of the session, unix seconds. */
  expiresAt: number;
}

export interface SessionDeadline {
  /** Earliest moment (ms since epoch) the server may refuse the session. */
  at: number;
  /** 'absolute' cannot be postponed by activity; 'idle' can. */
  kind: 'idle' | 'absolute';
}

/**
 * The server may have recorded the last contact up to one touch interval earlier than the browser
 * saw it, so the idle deadline is counted from that earlier moment.
 */
export function sessionDeadline(limits: SessionLimits, lastContactMs: number): SessionDeadline {
  const idle = lastContactMs - SERVER_TOUCH_INTERVAL_MS + limits.idleTimeoutSeconds * 1000;
  const absolute = limits.expiresAt * 1000;
  return absolute <= idle ? { at: absolute, kind: 'absolute' } : { at: idle, kind: 'idle' };
}

export type SessionPhase = 'active' | 'warning' | 'due';

export function sessionPhase(deadline: SessionDeadline, nowMs: number): SessionPhase {
  if (nowMs >= deadline.at) return 'due';
  if (nowMs >= deadline.at - WARNING_LEAD_MS) return 'warning';
  return 'active';
}

/** "m:ss" for a countdown. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}
