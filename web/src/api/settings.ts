import { api } from './client';

export interface SecuritySettings {
  password_min_length: number;
  password_min_classes: number;
  password_history: number;
  password_max_age_days: number;
  lockout_threshold: number;
  lockout_window_minutes: number;
  lockout_minutes: number;
  login_rate_limit_per_minute: number;
  session_idle_minutes: number;
  session_absolute_hours: number;
  mfa_required_for_all: boolean;
}

export type NumericSetting = Exclude<keyof SecuritySettings, 'mfa_required_for_all'>;

/** Numeric fields in display order, with the ranges the server accepts. */
export const NUMERIC_SETTINGS: readonly { key: NumericSetting; min: number; max: number }[] = [
  { key: 'password_min_length', min: 8, max: 64 },
  { key: 'password_min_classes', min: 2, max: 4 },
  { key: 'password_history', min: 0, max: 24 },
  { key: 'password_max_age_days', min: 0, max: 365 },
  { key: 'lockout_threshold', min: 3, max: 20 },
  { key: 'lockout_window_minutes', min: 1, max: 1440 },
  { key: 'lockout_minutes', min: 1, max: 1440 },
  { key: 'login_rate_limit_per_minute', min: 5, max: 1000 },
  { key: 'session_idle_minutes', min: 5, max: 480 },
  { key: 'session_absolute_hours', min: 1, max: 72 },
];

export const SETTING_KEYS: readonly (keyof SecuritySettings)[] = [
  ...NUMERIC_SETTINGS.map((s) => s.key),
  'mfa_required_for_all',
];

/** Only the fields whose value differs from `original`. */
export function changedSettings(
  original: SecuritySettings,
  edited: SecuritySettings,
): Partial<SecuritySettings> {
  const patch: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    if (edited[key] !== original[key]) patch[key] = edited[key];
  }
  return patch as Partial<SecuritySettings>;
}

export function getSecuritySettings() {
  return api.get<SecuritySettings>('/settings/security');
}

export function updateSecuritySettings(patch: Partial<SecuritySettings>) {
  return api.patch<SecuritySettings>('/settings/security', patch);
}

/** Sends only the changed fields; null when nothing changed (no request made). */
export async function saveSecuritySettings(
  original: SecuritySettings,
  edited: SecuritySettings,
): Promise<SecuritySettings | null> {
  const patch = changedSettings(original, edited);
  if (Object.keys(patch).length === 0) return null;
  return updateSecuritySettings(patch);
}
