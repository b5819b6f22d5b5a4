import type { Permission, RoleCode } from '@/generated/contract';

export interface User {
  id: number;
  username: string;
  display_name: string;
  committee_id: number | null;
  committee_name: string | null;
  roles: RoleCode[];
  /** Handling unit of a unit clerk or head. */
  unit_id: number | null;
  unit_name: string | null;
  status: 'active' | 'disabled' | string;
  locked: boolean;
  locked_until: number | null;
  must_change_password: boolean;
  mfa_enabled: boolean;
  last_login_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface SessionFlags {
  must_change_password: boolean;
  mfa_pending: boolean;
  mfa_enrollment_required: boolean;
}

export interface LoginResult extends SessionFlags {
  user: User;
  csrf_token: string;
}

export interface Me extends SessionFlags {
  user: User;
  roles: RoleCode[];
  permissions: Permission[];
  committee: { id: number; name: string } | null;
  csrf_token: string;
  mfa_enabled: boolean;
  password_expires_at: number | null;
  /** Idle timeout of this session and its absolute end (unix seconds). */
  session: { idle_timeout_seconds: number; expires_at: number };
}

export interface MfaEnrollment {
  secret: string;
  otpauth_uri: string;
  qr_svg: string;
}

export interface ListResult<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

export type CommitteeLevel = 'national' | 'province' | 'city' | 'district';

export interface Committee {
  id: number;
  parent_id: number | null;
  name: string;
  short_name: string | null;
  level: CommitteeLevel;
  is_active: boolean;
  created_at: number;
  updated_at: number;
}
