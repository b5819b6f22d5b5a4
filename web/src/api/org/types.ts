// Organization of a committee (docs/API.md, "Organization and members"): terms and their plenary
// sessions, reference data, handling units and experts. Dates are 'YYYY-MM-DD' strings.

export interface Session {
  id: number;
  term_id: number;
  number: number;
  /** e.g. "九届二次会议" (named by the server). */
  name: string;
  start_date: string;
  end_date: string;
}

export interface Term {
  id: number;
  number: number;
  /** e.g. "第九届" (named by the server). */
  name: string;
  start_date: string;
  end_date: string | null;
  is_current: boolean;
  member_count: number;
  sessions: Session[];
}

export interface TermInput {
  number: number;
  start_date: string;
  end_date?: string | null;
}

export interface TermDatesInput {
  start_date?: string;
  end_date?: string | null;
}

export interface SessionInput {
  number: number;
  start_date: string;
  end_date: string;
}

export interface TermChangeInput {
  number: number;
  start_date: string;
  continuing_member_ids: number[];
}

export type ReferenceKind =
  | 'sector'
  | 'party'
  | 'special_committee'
  | 'member_group'
  | 'street'
  | 'community'
  | 'building'
  | 'proposal_category';

export interface ReferenceItem {
  id: number;
  kind: ReferenceKind;
  name: string;
  code: string | null;
  parent_id: number | null;
  parent_name: string | null;
  sort_order: number;
  is_active: boolean;
  /** How many records refer to it; only an unused item may be deleted. */
  usage: number;
}

export interface ReferenceQuery {
  q?: string;
  active?: boolean | null;
  parent_id?: number | null;
  page?: number;
  page_size?: number;
}

export interface ReferenceInput {
  name: string;
  code?: string | null;
  parent_id?: number | null;
  sort_order?: number;
  is_active?: boolean;
}

export type UnitCategory =
  'government' | 'court_procuratorate' | 'mass_organization' | 'enterprise' | 'other';

export interface UnitAccount {
  id: number;
  username: string;
  display_name: string;
  roles: string[];
  status: string;
}

export interface Unit {
  id: number;
  name: string;
  short_name: string | null;
  category: UnitCategory;
  contact_name: string | null;
  contact_phone: string | null;
  is_active: boolean;
  accounts: UnitAccount[];
}

export interface UnitQuery {
  q?: string;
  active?: boolean | null;
  page?: number;
  page_size?: number;
}

export interface UnitInput {
  name: string;
  short_name?: string | null;
  category: UnitCategory;
  contact_name?: string | null;
  contact_phone?: string | null;
  is_active?: boolean;
}

export type ExpertKind = 'invited' | 'advisor';

export interface Expert {
  id: number;
  name: string;
  kind: ExpertKind;
  field: string | null;
  employer: string | null;
  title: string | null;
  /** Masked (138****5678) unless the caller holds member.view_private. */
  phone: string | null;
  is_active: boolean;
}

export interface ExpertQuery {
  q?: string;
  kind?: ExpertKind | '';
  active?: boolean | null;
  page?: number;
  page_size?: number;
}

export interface ExpertInput {
  name: string;
  kind: ExpertKind;
  field?: string | null;
  employer?: string | null;
  title?: string | null;
  phone?: string | null;
  is_active?: boolean;
}
