import { describe, expect, it } from 'vitest';
import {
  ASSIGNMENT_ACTIONS,
  ASSIGNMENT_TRANSITIONS,
  PROPOSAL_ACTIONS,
  PROPOSAL_TRANSITIONS,
} from '@/generated/contract';
import {
  actionBody,
  actionErrorAliases,
  actionForm,
  assignUnits,
  commentRequired,
  emptyActionValues,
  initialActionValues,
  isDialogAction,
  unratedProposers,
  validateActionValues,
  validateAssign,
  type ActionValues,
} from '@/views/proposals/actionForms';
import type { ProposalDetail } from '@/api/proposals';

const values = (patch: Partial<ActionValues> = {}): ActionValues => ({ ...emptyActionValues(), ...patch });

describe('action fields', () => {
  it('asks each action for its own fields, comment last', () => {
    const fields = (table: 'proposal' | 'assignment', action: string) => actionForm(table, action).fields;
    expect(fields('proposal', 'accept')).toEqual(['comment']);
    expect(fields('proposal', 'return')).toEqual(['comment']);
    expect(fields('proposal', 'answer_cosign')).toEqual(['accept', 'comment']);
    expect(fields('proposal', 'not_file')).toEqual(['ground', 'comment']);
    expect(fields('proposal', 'convert')).toEqual(['disposition', 'comment']);
    expect(fields('proposal', 'merge_into')).toEqual(['primary_id', 'comment']);
    expect(fields('proposal', 'assign')).toEqual(['assign', 'comment']);
    expect(fields('proposal', 'rate')).toEqual(['rating', 'comment']);
    expect(fields('proposal', 'rate_on_behalf')).toEqual(['member_id', 'rating', 'comment']);
    expect(fields('proposal', 'mark_key')).toEqual(['supervisor_user_id', 'comment']);
    expect(fields('proposal', 'record_supervision')).toEqual(['visit_date', 'comment']);
    expect(fields('proposal', 'file')).toEqual(['category_id', 'comment']);
    expect(fields('assignment', 'approve_reassign')).toEqual(['unit_id', 'comment']);
    expect(fields('assignment', 'approve_extension')).toEqual(['deadline', 'comment']);
    expect(fields('assignment', 'save_reply')).toEqual(['reply', 'comment']);
    expect(fields('assignment', 'draft_reply')).toEqual(['reply', 'comment']);
    expect(fields('assignment', 'accept_reply')).toEqual(['reply_class', 'comment']);
    expect(fields('assignment', 'acknowledge')).toEqual(['comment']);
  });

  it('requires a comment exactly for the transitions guarded by comment_given', () => {
    for (const [table, rows] of [
      ['proposal', PROPOSAL_TRANSITIONS],
      ['assignment', ASSIGNMENT_TRANSITIONS],
    ] as const) {
      for (const row of rows) {
        const form = actionForm(table, row.action);
        expect(form.commentRequired, `${table}.${row.action}`).toBe(row.when.includes('comment_given'));
        expect(commentRequired(table, row.action)).toBe(row.when.includes('comment_given'));
        // The comment check follows the same rule.
        const errors = validateActionValues({ ...form, fields: ['comment'] }, values());
        expect(Boolean(errors.comment), `${table}.${row.action}`).toBe(row.when.includes('comment_given'));
      }
    }
    expect(commentRequired('proposal', 'return')).toBe(true);
    expect(commentRequired('proposal', 'record_supervision')).toBe(true);
    expect(commentRequired('assignment', 'send_opinion')).toBe(true);
    expect(commentRequired('proposal', 'accept')).toBe(false);
    expect(commentRequired('proposal', 'not_file')).toBe(false);
    expect(validateActionValues(actionForm('proposal', 'return'), values({ comment: '  ' })).comment).toBe(
      'proposals.comment.required',
    );
    expect(validateActionValues(actionForm('proposal', 'return'), values({ comment: '请补充' }))).toEqual({});
  });

  it('offers a dialog for every caller action, none for system moves and the non-dialog ones', () => {
    for (const action of Object.keys(PROPOSAL_ACTIONS)) {
      const expected = ![
        'edit',
        'upload_attachment',
        'delete_attachment',
        'cosigners_answered',
        'all_acknowledged',
        'all_replied',
      ].includes(action);
      expect(isDialogAction('proposal', action), action).toBe(expected);
    }
    for (const action of Object.keys(ASSIGNMENT_ACTIONS)) {
      expect(isDialogAction('assignment', action), action).toBe(
        !['reopen', 'upload_attachment'].includes(action),
      );
    }
    expect(isDialogAction('proposal', 'launch_rocket')).toBe(false);
  });

  it('checks the required extra fields', () => {
    expect(validateActionValues(actionForm('proposal', 'not_file'), values())).toEqual({
      ground: 'proposals.form.required',
    });
    expect(validateActionValues(actionForm('proposal', 'answer_cosign'), values())).toEqual({
      accept: 'proposals.form.required',
    });
    expect(validateActionValues(actionForm('proposal', 'answer_cosign'), values({ accept: false }))).toEqual(
      {},
    );
    expect(
      Object.keys(validateActionValues(actionForm('proposal', 'rate_on_behalf'), values())).sort(),
    ).toEqual(['member_id', 'rating']);
    expect(
      Object.keys(validateActionValues(actionForm('proposal', 'record_supervision'), values())).sort(),
    ).toEqual(['comment', 'visit_date']);
    expect(validateActionValues(actionForm('proposal', 'mark_key'), values())).toEqual({
      supervisor_user_id: 'proposals.form.required',
    });
    expect(validateActionValues(actionForm('assignment', 'approve_reassign'), values())).toEqual({
      unit_id: 'proposals.form.required',
    });
    // The new deadline of an extension and the class change on acceptance are optional.
    expect(validateActionValues(actionForm('assignment', 'approve_extension'), values())).toEqual({});
    expect(validateActionValues(actionForm('assignment', 'accept_reply'), values())).toEqual({});
    // A reply may be saved half-done, but not sent for sign-off.
    expect(validateActionValues(actionForm('assignment', 'save_reply'), values())).toEqual({});
    expect(
      Object.keys(validateActionValues(actionForm('assignment', 'draft_reply'), values())).sort(),
    ).toEqual(['contact_date', 'contact_method', 'reply_class', 'reply_text']);
  });
});

describe('assign', () => {
  it('mirrors the server rules for each mode', () => {
    expect(validateAssign(values({ mode: 'single' }))).toEqual({
      single_unit: 'proposals.assign.unitRequired',
    });
    expect(validateAssign(values({ mode: 'single', single_unit: 3 }))).toEqual({});
    expect(validateAssign(values({ mode: 'separate', separate_units: [3] }))).toEqual({
      separate_units: 'proposals.assign.separateMin',
    });
    expect(validateAssign(values({ mode: 'separate', separate_units: [3, 3] }))).toEqual({
      separate_units: 'proposals.assign.separateMin',
    });
    expect(validateAssign(values({ mode: 'separate', separate_units: [3, 4] }))).toEqual({});
    expect(validateAssign(values({ mode: 'lead' }))).toEqual({
      lead_unit: 'proposals.assign.leadRequired',
      co_units: 'proposals.assign.coMin',
    });
    expect(validateAssign(values({ mode: 'lead', lead_unit: 3, co_units: [3] }))).toEqual({
      co_units: 'proposals.assign.coNotLead',
    });
    expect(validateAssign(values({ mode: 'lead', lead_unit: 3, co_units: [4, 5] }))).toEqual({});
  });

  it('builds the units with their roles', () => {
    expect(assignUnits(values({ mode: 'single', single_unit: 3, separate_units: [8, 9] }))).toEqual([
      { unit_id: 3, role: 'single' },
    ]);
    expect(assignUnits(values({ mode: 'separate', separate_units: [3, 4, 3] }))).toEqual([
      { unit_id: 3, role: 'separate' },
      { unit_id: 4, role: 'separate' },
    ]);
    expect(assignUnits(values({ mode: 'lead', lead_unit: 3, co_units: [4, 5] }))).toEqual([
      { unit_id: 3, role: 'lead' },
      { unit_id: 4, role: 'co' },
      { unit_id: 5, role: 'co' },
    ]);
    expect(
      actionBody(
        actionForm('proposal', 'assign'),
        values({ mode: 'lead', lead_unit: 3, co_units: [4], comment: ' 请按时办理 ' }),
      ),
    ).toEqual({
      mode: 'lead',
      units: [
        { unit_id: 3, role: 'lead' },
        { unit_id: 4, role: 'co' },
      ],
      comment: '请按时办理',
    });
  });
});

describe('action bodies', () => {
  it('sends the documented fields of each action', () => {
    const body = (table: 'proposal' | 'assignment', action: string, patch: Partial<ActionValues>, cls = '') =>
      actionBody(actionForm(table, action), values(patch), cls);
    expect(body('proposal', 'accept', {})).toEqual({});
    expect(body('proposal', 'answer_cosign', { accept: false })).toEqual({ accept: false });
    expect(body('proposal', 'not_file', { ground: 'personal', comment: '个人事务' })).toEqual({
      ground: 'personal',
      comment: '个人事务',
    });
    expect(body('proposal', 'convert', { disposition: 'member_letter' })).toEqual({
      disposition: 'member_letter',
    });
    expect(body('proposal', 'merge_into', { primary_id: 12 })).toEqual({ primary_id: 12 });
    expect(body('proposal', 'rate', { rating: 'satisfied' })).toEqual({ rating: 'satisfied' });
    expect(body('proposal', 'rate_on_behalf', { rating: 'dissatisfied', member_id: 4 })).toEqual({
      member_id: 4,
      rating: 'dissatisfied',
    });
    expect(body('proposal', 'mark_key', { supervisor_user_id: 8 })).toEqual({ supervisor_user_id: 8 });
    expect(body('proposal', 'record_supervision', { visit_date: '2025-05-01', comment: '实地督办' })).toEqual(
      {
        visit_date: '2025-05-01',
        comment: '实地督办',
      },
    );
    expect(body('proposal', 'file', {})).toEqual({});
    expect(body('proposal', 'file', { category_id: 3 })).toEqual({ category_id: 3 });
    expect(body('assignment', 'approve_reassign', { unit_id: 6 })).toEqual({ unit_id: 6 });
    expect(body('assignment', 'approve_extension', {})).toEqual({});
    expect(body('assignment', 'approve_extension', { deadline: '2025-09-30' })).toEqual({
      deadline: '2025-09-30',
    });
    expect(
      body('assignment', 'draft_reply', {
        reply_class: 'A',
        reply_text: ' 已解决 ',
        contact_method: 'phone',
        contact_date: '2025-04-01',
        contact_note: '',
      }),
    ).toEqual({
      reply_class: 'A',
      reply_text: '已解决',
      contact_method: 'phone',
      contact_date: '2025-04-01',
      contact_note: '',
    });
    // Staff's class change goes only when it differs from the unit's.
    expect(body('assignment', 'accept_reply', { reply_class: 'A' }, 'A')).toEqual({});
    expect(body('assignment', 'accept_reply', { reply_class: 'B' }, 'A')).toEqual({ reply_class: 'B' });
  });

  it('starts from what the proposal or assignment holds', () => {
    const assignment = {
      reply_class: 'B',
      reply_text: '草稿',
      contact_method: 'meeting',
      contact_date: '2025-04-02',
      contact_note: '座谈',
    };
    expect(initialActionValues(actionForm('assignment', 'save_reply'), null, assignment)).toMatchObject(
      assignment,
    );
    expect(initialActionValues(actionForm('assignment', 'accept_reply'), null, assignment).reply_class).toBe(
      'B',
    );
    expect(
      initialActionValues(actionForm('proposal', 'file'), { category: { id: 4, name: '经济' } }, null)
        .category_id,
    ).toBe(4);
  });

  it('maps server field names to the dialog fields', () => {
    expect(actionErrorAliases(['units[0].unit_id', 'comment', 'title', 'supervisor_id'])).toEqual({
      'units[0].unit_id': 'units',
      comment: 'comment',
      supervisor_id: 'supervisor_user_id',
    });
  });

  it('offers the proposers who have not rated this round', () => {
    const detail = {
      rating_round: 2,
      proposers: [
        { member_id: 1, status: 'accepted', rating: 'dissatisfied', rating_round: 1 },
        { member_id: 2, status: 'accepted', rating: 'satisfied', rating_round: 2 },
        { member_id: 3, status: 'declined', rating: '', rating_round: 0 },
        { member_id: 4, status: 'accepted', rating: '', rating_round: 0 },
      ],
    } as unknown as ProposalDetail;
    expect(unratedProposers(detail).map((p) => p.member_id)).toEqual([1, 4]);
  });
});
