// Which fields each workflow action's dialog asks for, derived from the generated transition tables
// (contract/workflows.json): an action whose transition has the guard `comment_given` needs a comment,
// every other one takes an optional comment; a few actions carry extra fields (docs/API.md). Also the
// client-side checks that mirror the server's rules, and the request body of each action.
import { ASSIGNMENT_TRANSITIONS, PROPOSAL_TRANSITIONS, type Transition } from '@/generated/contract';
import type { AssignMode, AssignmentRole, ProposalDetail, Rating } from '@/api/proposals';

export type ActionTable = 'proposal' | 'assignment';

/** A group of inputs in an action dialog. */
export type ActionField =
  /** answer_cosign: 接受 / 谢绝 */
  | 'accept'
  /** not_file: the standard ground */
  | 'ground'
  /** convert: opinion report / member letter / reference */
  | 'disposition'
  /** merge_into: the primary proposal */
  | 'primary_id'
  /** assign: mode and units */
  | 'assign'
  /** rate, rate_on_behalf */
  | 'rating'
  /** rate_on_behalf: the proposer whose paper rating is entered */
  | 'member_id'
  /** mark_key: the supervising leader */
  | 'supervisor_user_id'
  /** record_supervision */
  | 'visit_date'
  /** file: the category may be corrected when filing (optional) */
  | 'category_id'
  /** approve_reassign: the new unit */
  | 'unit_id'
  /** approve_extension: the new deadline (optional; default: the extended months) */
  | 'deadline'
  /** save_reply / draft_reply: class, text and the contact record */
  | 'reply'
  /** accept_reply: staff may change the reply class (optional) */
  | 'reply_class'
  | 'comment';

/** Fields whose errors show in the dialog (client checks and the server's `details.fields`). */
export const ACTION_ERROR_FIELDS = [
  'comment',
  'accept',
  'ground',
  'disposition',
  'primary_id',
  'mode',
  'units',
  'single_unit',
  'separate_units',
  'lead_unit',
  'co_units',
  'rating',
  'member_id',
  'supervisor_user_id',
  'visit_date',
  'category_id',
  'unit_id',
  'deadline',
  'reply_class',
  'reply_text',
  'contact_method',
  'contact_date',
  'contact_note',
] as const;
export type ActionErrorField = (typeof ACTION_ERROR_FIELDS)[number];

export interface ActionForm {
  table: ActionTable;
  action: string;
  /** The dialog's inputs, in order; `comment` is always last. */
  fields: ActionField[];
  commentRequired: boolean;
  /** i18n key of the comment's label. */
  commentLabel: string;
  /** The confirm button warns (the move sends the proposal back or away). */
  danger: boolean;
}

const PROPOSAL_EXTRA: Record<string, ActionField[]> = {
  answer_cosign: ['accept'],
  not_file: ['ground'],
  convert: ['disposition'],
  merge_into: ['primary_id'],
  assign: ['assign'],
  rate: ['rating'],
  rate_on_behalf: ['member_id', 'rating'],
  mark_key: ['supervisor_user_id'],
  record_supervision: ['visit_date'],
  file: ['category_id'],
};

const ASSIGNMENT_EXTRA: Record<string, ActionField[]> = {
  approve_reassign: ['unit_id'],
  approve_extension: ['deadline'],
  save_reply: ['reply'],
  draft_reply: ['reply'],
  accept_reply: ['reply_class'],
};

const COMMENT_LABELS: Record<string, string> = {
  return: 'proposals.comment.reason',
  request_reassign: 'proposals.comment.reason',
  reject_reassign: 'proposals.comment.reason',
  reject_extension: 'proposals.comment.reason',
  return_draft: 'proposals.comment.reason',
  return_reply: 'proposals.comment.reason',
  withdraw: 'proposals.comment.reason',
  request_extension: 'proposals.comment.extensionReason',
  send_opinion: 'proposals.comment.opinion',
  record_supervision: 'proposals.comment.supervision',
  follow_up: 'proposals.comment.followUp',
  close_after_consultation: 'proposals.comment.consultation',
  rate: 'proposals.comment.rating',
  rate_on_behalf: 'proposals.comment.rating',
};

const DANGER = new Set([
  'withdraw',
  'return',
  'not_file',
  'merge_into',
  'unmark_key',
  'unpublish',
  'reject_reassign',
  'reject_extension',
  'return_draft',
  'return_reply',
]);

/** Proposal actions that are not a dialog: `edit` opens the edit page, attachments have their own section. */
const PROPOSAL_NOT_DIALOG = new Set(['edit', 'upload_attachment', 'delete_attachment']);
const ASSIGNMENT_NOT_DIALOG = new Set(['upload_attachment']);

export function transitionsOf(table: ActionTable): readonly Transition[] {
  return table === 'proposal' ? PROPOSAL_TRANSITIONS : ASSIGNMENT_TRANSITIONS;
}

/** The transition rows of an action (one per action in today's tables). */
export function transitionOf(table: ActionTable, action: string): Transition | undefined {
  return transitionsOf(table).find((t) => t.action === action);
}

/** The action needs a comment: its transition is guarded by `comment_given`. */
export function commentRequired(table: ActionTable, action: string): boolean {
  return transitionsOf(table).some((t) => t.action === action && t.when.includes('comment_given'));
}

/** Only the server makes these moves. */
export function isSystemAction(table: ActionTable, action: string): boolean {
  const rows = transitionsOf(table).filter((t) => t.action === action);
  return rows.length > 0 && rows.every((t) => t.by.length === 1 && t.by[0] === 'system');
}

/** An action the page offers as a button that opens the action dialog. */
export function isDialogAction(table: ActionTable, action: string): boolean {
  if (!transitionOf(table, action) || isSystemAction(table, action)) return false;
  return !(table === 'proposal' ? PROPOSAL_NOT_DIALOG : ASSIGNMENT_NOT_DIALOG).has(action);
}

export function actionForm(table: ActionTable, action: string): ActionForm {
  const extra = (table === 'proposal' ? PROPOSAL_EXTRA : ASSIGNMENT_EXTRA)[action] ?? [];
  return {
    table,
    action,
    fields: [...extra, 'comment'],
    commentRequired: commentRequired(table, action),
    commentLabel: COMMENT_LABELS[action] ?? 'proposals.comment.default',
    danger: DANGER.has(action),
  };
}

/** What an action dialog holds. */
export interface ActionValues {
  comment: string;
  accept: boolean | null;
  ground: string;
  disposition: string;
  primary_id: number | null;
  mode: AssignMode;
  single_unit: number | null;
  separate_units: number[];
  lead_unit: number | null;
  co_units: number[];
  rating: Rating | '';
  member_id: number | null;
  supervisor_user_id: number | null;
  visit_date: string | null;
  category_id: number | null;
  unit_id: number | null;
  deadline: string | null;
  reply_class: string;
  reply_text: string;
  contact_method: string;
  contact_date: string | null;
  contact_note: string;
}

export function emptyActionValues(): ActionValues {
  return {
    comment: '',
    accept: null,
    ground: '',
    disposition: '',
    primary_id: null,
    mode: 'single',
    single_unit: null,
    separate_units: [],
    lead_unit: null,
    co_units: [],
    rating: '',
    member_id: null,
    supervisor_user_id: null,
    visit_date: null,
    category_id: null,
    unit_id: null,
    deadline: null,
    reply_class: '',
    reply_text: '',
    contact_method: '',
    contact_date: null,
    contact_note: '',
  };
}

/** The assignment an assignment action works on, as far as the dialog needs it. */
export interface AssignmentContext {
  reply_class: string;
  reply_text: string;
  contact_method: string;
  contact_date: string | null;
  contact_note: string;
}

/** The dialog's starting values: what the proposal or the assignment already holds. */
export function initialActionValues(
  form: ActionForm,
  proposal: Pick<ProposalDetail, 'category'> | null,
  assignment: AssignmentContext | null,
): ActionValues {
  const values = emptyActionValues();
  if (form.fields.includes('category_id')) values.category_id = proposal?.category?.id ?? null;
  if (assignment && (form.fields.includes('reply') || form.fields.includes('reply_class'))) {
    values.reply_class = assignment.reply_class ?? '';
  }
  if (assignment && form.fields.includes('reply')) {
    values.reply_text = assignment.reply_text ?? '';
    values.contact_method = assignment.contact_method ?? '';
    values.contact_date = assignment.contact_date ?? null;
    values.contact_note = assignment.contact_note ?? '';
  }
  return values;
}

export interface AssignUnit {
  unit_id: number;
  role: AssignmentRole;
}

/** The units of an assign action as the API takes them (duplicates dropped). */
export function assignUnits(
  values: Pick<ActionValues, 'mode' | 'single_unit' | 'separate_units' | 'lead_unit' | 'co_units'>,
): AssignUnit[] {
  if (values.mode === 'single')
    return values.single_unit ? [{ unit_id: values.single_unit, role: 'single' }] : [];
  if (values.mode === 'separate') {
    return [...new Set(values.separate_units)].map((unit_id) => ({ unit_id, role: 'separate' as const }));
  }
  const out: AssignUnit[] = values.lead_unit ? [{ unit_id: values.lead_unit, role: 'lead' }] : [];
  for (const unit_id of new Set(values.co_units)) {
    if (unit_id !== values.lead_unit) out.push({ unit_id, role: 'co' });
  }
  return out;
}

/**
 * The server's rules for an assignment (single: one unit; separate: at least two units; lead: one lead
 * and at least one co-unit, not the lead again). Field → i18n key of the message.
 */
export function validateAssign(
  values: Pick<ActionValues, 'mode' | 'single_unit' | 'separate_units' | 'lead_unit' | 'co_units'>,
): Partial<Record<ActionErrorField, string>> {
  const errors: Partial<Record<ActionErrorField, string>> = {};
  if (values.mode === 'single') {
    if (!values.single_unit) errors.single_unit = 'proposals.assign.unitRequired';
  } else if (values.mode === 'separate') {
    if (new Set(values.separate_units).size < 2) errors.separate_units = 'proposals.assign.separateMin';
  } else if (values.mode === 'lead') {
    if (!values.lead_unit) errors.lead_unit = 'proposals.assign.leadRequired';
    if (values.lead_unit && values.co_units.includes(values.lead_unit))
      errors.co_units = 'proposals.assign.coNotLead';
    else if (!values.co_units.length) errors.co_units = 'proposals.assign.coMin';
  } else {
    errors.mode = 'proposals.assign.modeRequired';
  }
  return errors;
}

/** Client-side checks of a dialog before sending. Field → i18n key of the message; empty when fine. */
export function validateActionValues(
  form: ActionForm,
  values: ActionValues,
): Partial<Record<ActionErrorField, string>> {
  const errors: Partial<Record<ActionErrorField, string>> = {};
  const required = 'proposals.form.required';
  const has = (field: ActionField) => form.fields.includes(field);
  if (form.commentRequired && !values.comment.trim()) errors.comment = 'proposals.comment.required';
  if (has('accept') && values.accept === null) errors.accept = required;
  if (has('ground') && !values.ground) errors.ground = required;
  if (has('disposition') && !values.disposition) errors.disposition = required;
  if (has('primary_id') && !values.primary_id) errors.primary_id = required;
  if (has('assign')) Object.assign(errors, validateAssign(values));
  if (has('rating') && !values.rating) errors.rating = required;
  if (has('member_id') && !values.member_id) errors.member_id = required;
  if (has('supervisor_user_id') && !values.supervisor_user_id) errors.supervisor_user_id = required;
  if (has('visit_date') && !values.visit_date) errors.visit_date = required;
  if (has('unit_id') && !values.unit_id) errors.unit_id = required;
  // Handing a reply on to the head needs all of it (the guard reply_complete); saving may be partial.
  if (has('reply') && form.action === 'draft_reply') {
    if (!values.reply_class) errors.reply_class = required;
    if (!values.reply_text.trim()) errors.reply_text = required;
    if (!values.contact_method) errors.contact_method = required;
    if (!values.contact_date) errors.contact_date = required;
  }
  return errors;
}

/**
 * The action's request body. `originalReplyClass`: the class the unit gave (accept_reply sends
 * `reply_class` only when staff changed it).
 */
export function actionBody(
  form: ActionForm,
  values: ActionValues,
  originalReplyClass = '',
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const has = (field: ActionField) => form.fields.includes(field);
  if (has('accept')) body.accept = values.accept === true;
  if (has('ground')) body.ground = values.ground;
  if (has('disposition')) body.disposition = values.disposition;
  if (has('primary_id')) body.primary_id = values.primary_id;
  if (has('assign')) {
    body.mode = values.mode;
    body.units = assignUnits(values);
  }
  if (has('member_id')) body.member_id = values.member_id;
  if (has('rating')) body.rating = values.rating;
  if (has('supervisor_user_id')) body.supervisor_user_id = values.supervisor_user_id;
  if (has('visit_date')) body.visit_date = values.visit_date;
  if (has('category_id') && values.category_id) body.category_id = values.category_id;
  if (has('unit_id')) body.unit_id = values.unit_id;
  if (has('deadline') && values.deadline) body.deadline = values.deadline;
  if (has('reply')) {
    body.reply_class = values.reply_class;
    body.reply_text = values.reply_text.trim();
    body.contact_method = values.contact_method;
    body.contact_date = values.contact_date || null;
    body.contact_note = values.contact_note.trim();
  }
  if (has('reply_class') && values.reply_class && values.reply_class !== originalReplyClass) {
    body.reply_class = values.reply_class;
  }
  const comment = values.comment.trim();
  if (comment) body.comment = comment;
  return body;
}

/** Server field names → the dialog's error slots (`units[0].unit_id` → `units`). */
export function actionErrorAliases(fieldNames: string[]): Record<string, ActionErrorField> {
  const out: Record<string, ActionErrorField> = {};
  for (const name of fieldNames) {
    const base = name.replace(/[.[].*$/, '');
    if (base === 'units') out[name] = 'units';
    else if (base === 'supervisor_id' || base === 'leader_id') out[name] = 'supervisor_user_id';
    else if ((ACTION_ERROR_FIELDS as readonly string[]).includes(base)) out[name] = base as ActionErrorField;
  }
  return out;
}

/** The proposers whose rating of this round may still be entered (rate_on_behalf). */
export function unratedProposers(detail: Pick<ProposalDetail, 'proposers' | 'rating_round'>) {
  return detail.proposers.filter(
    (p) => p.status === 'accepted' && !(p.rating && p.rating_round === detail.rating_round),
  );
}
