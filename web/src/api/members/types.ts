// Members (委员) of a committee's terms (docs/API.md, "Members"). Dates are 'YYYY-MM-DD' strings,
// instants unix seconds.

export type MemberStatus = 'active' | 'resigned' | 'removed' | 'term_ended';
export type Gender = 'male' | 'female';

export interface NamedRef {
  id: number;
  name: string;
}

export interface MemberSummary {
  id: number;
  term_id: number;
  member_no: string;
  name: string;
  gender: Gender;
  birth_date: string | null;
  party: NamedRef | null;
  sector: NamedRef | null;
  employer: string | null;
  title: string | null;
  is_standing: boolean;
  is_hk_macao: boolean;
  status: MemberStatus;
  /** Masked (138****5678) unless the caller may see private fields. */
  phone: string | null;
}

export interface MemberProfile extends MemberSummary {
  ethnicity: string | null;
  email: string | null;
  id_number: string | null;
  special_committees: NamedRef[];
  groups: NamedRef[];
  user: { id: number; username: string; display_name: string } | null;
  status_date: string | null;
  status_reason: string | null;
  /** False when phone, email and id_number came back masked. */
  private_visible: boolean;
  created_at: number;
  updated_at: number;
}

export type MemberSort = 'pinyin' | '-pinyin' | 'member_no' | '-member_no' | 'birth_date' | '-birth_date';
export type TriState = '' | 'true' | 'false';

/** What the list's filter form holds. */
export interface MemberFilters {
  term_id: number | null;
  sector_id: number | null;
  party_id: number | null;
  special_committee_id: number | null;
  group_id: number | null;
  status: MemberStatus | '';
  standing: TriState;
  hk_macao: TriState;
  q: string;
  sort: MemberSort;
  page: number;
  page_size: number;
}

/** Body of POST /members (every field) and PATCH /members/{id} (any of them). */
export interface MemberInput {
  term_id?: number | null;
  member_no: string;
  name: string;
  gender: Gender;
  ethnicity?: string | null;
  birth_date?: string | null;
  party_id?: number | null;
  sector_id?: number | null;
  employer?: string | null;
  title?: string | null;
  is_standing?: boolean;
  is_hk_macao?: boolean;
  phone?: string | null;
  email?: string | null;
  id_number?: string | null;
  special_committee_ids?: number[];
  group_ids?: number[];
  user_id?: number | null;
}

export interface MemberStatusInput {
  status: MemberStatus;
  date: string;
  reason: string;
}

export interface ImportRowError {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  /** Column header, e.g. 出生日期. */
  column: string;
  reason: string;
}

export interface ImportReport {
  dry_run: boolean;
  rows: number;
  created: number;
  updated: number;
  errors: ImportRowError[];
}
