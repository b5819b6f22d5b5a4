import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '@/api/client';
import {
  assignmentAction,
  attachmentProblem,
  createProposal,
  deleteProposalAttachment,
  documentUrl,
  downloadProposalAttachment,
  downloadProposalDocument,
  emptyProposalFilters,
  exportProposals,
  getProposalQueues,
  listCosignerOptions,
  listProposals,
  patchProposal,
  proposalAction,
  proposalsFromRouteQuery,
  proposalsRouteQuery,
  similar,
  similarFor,
  uploadProposalAttachment,
} from '@/api/proposals';
import { apiError, jsonResponse, mockFetch } from './helpers';
import { pathOf, queryOf } from './views-helpers';
import {
  daysUntil,
  deadlineStatus,
  formatBytes,
  cosignerLabel,
  proposalStateTag,
} from '@/views/proposals/display';

beforeEach(() => setCsrfToken('csrf-1'));
afterEach(() => {
  setCsrfToken(null);
  vi.unstubAllGlobals();
});

describe('proposal list filters in the address', () => {
  it('writes only what is set, and reads it back', () => {
    const filters = {
      ...emptyProposalFilters(),
      queue: 'to_check' as const,
      session_id: 3,
      state: 'submitted' as const,
      kind: 'plenary' as const,
      category_id: 7,
      key: true,
      q: ' 停车 ',
      page: 2,
    };
    const query = proposalsRouteQuery(filters);
    expect(query).toEqual({
      queue: 'to_check',
      session_id: '3',
      state: 'submitted',
      kind: 'plenary',
      category_id: '7',
      key: 'true',
      q: '停车',
      page: '2',
    });
    expect(proposalsFromRouteQuery(query)).toEqual({ ...filters, q: '停车' });
    expect(proposalsRouteQuery(emptyProposalFilters())).toEqual({});
  });

  it('drops malformed values', () => {
    expect(
      proposalsFromRouteQuery({
        queue: 'nonsense',
        session_id: '0',
        state: 'flying',
        kind: 'x',
        category_id: '-1',
        unit_id: '1e3',
        key: 'yes',
        page: 'abc',
        page_size: '500',
        q: ['王', '李'],
      }),
    ).toEqual({ ...emptyProposalFilters(), q: '王' });
    expect(proposalsFromRouteQuery({ queue: ['unit_new'], page_size: '50' })).toMatchObject({
      queue: 'unit_new',
      page_size: 50,
    });
  });

  it('keeps the statistics page filters (year, sector, stat, reply class) both ways', () => {
    const filters = {
      ...emptyProposalFilters(),
      year: 2021,
      sector_id: 4,
      stat: 'first_round_satisfied' as const,
      reply_class: 'A',
      unit_id: 9,
    };
    const query = proposalsRouteQuery(filters);
    expect(query).toEqual({
      year: '2021',
      sector_id: '4',
      stat: 'first_round_satisfied',
      reply_class: 'A',
      unit_id: '9',
    });
    expect(proposalsFromRouteQuery(query)).toEqual(filters);
    // A link from the statistics page, as the address bar hands it over.
    expect(proposalsFromRouteQuery({ stat: 'filed', year: '2021', session_id: '3' })).toEqual({
      ...emptyProposalFilters(),
      stat: 'filed',
      year: 2021,
      session_id: 3,
    });
  });

  it('drops malformed statistics filters', () => {
    for (const bad of [
      { year: '21' },
      { year: '20211' },
      { year: 'abcd' },
      { year: '0999' },
      { sector_id: '0' },
      { sector_id: 'x' },
      { stat: 'everything' },
      { stat: 'FILED' },
      { reply_class: 'A B' },
      { reply_class: '<b>' },
      { reply_class: 'x'.repeat(17) },
    ]) {
      expect(proposalsFromRouteQuery(bad)).toEqual(emptyProposalFilters());
    }
    expect(proposalsFromRouteQuery({ stat: ['closed', 'filed'], year: ['2022'] })).toMatchObject({
      stat: 'closed',
      year: 2022,
    });
  });
});

describe('proposal API calls', () => {
  it('lists with the filters and paging', async () => {
    const { calls } = mockFetch(() => jsonResponse(200, { items: [], total: 0, page: 1, page_size: 20 }));
    await listProposals({ ...emptyProposalFilters(), queue: 'overdue', unit_id: 4, q: 'x' });
    expect(pathOf(calls[0]!)).toBe('/proposals');
    expect(queryOf(calls[0]!)).toEqual({
      queue: 'overdue',
      unit_id: '4',
      q: 'x',
      page: '1',
      page_size: '20',
    });
  });

  it('lists and exports with the statistics filters', async () => {
    const { calls } = mockFetch(
      () => jsonResponse(200, { items: [], total: 0, page: 1, page_size: 20 }),
      () => new Response(new Blob(['xlsx']), { status: 200 }),
    );
    const filters = { ...emptyProposalFilters(), stat: 'on_time' as const, year: 2023, reply_class: 'B' };
    await listProposals({ ...filters, sector_id: 6, page: 3 });
    expect(queryOf(calls[0]!)).toEqual({
      stat: 'on_time',
      year: '2023',
      sector_id: '6',
      reply_class: 'B',
      page: '3',
      page_size: '20',
    });
    await exportProposals(filters);
    expect(pathOf(calls[1]!)).toBe('/proposals/export');
    expect(queryOf(calls[1]!)).toEqual({ stat: 'on_time', year: '2023', reply_class: 'B' });
  });

  it('asks for similar proposals, unit suggestions and the Word document', async () => {
    const { calls } = mockFetch(
      () => jsonResponse(200, { items: [] }),
      () => jsonResponse(200, { items: [], units: [] }),
      () => new Response(new Blob(['PK']), { status: 200 }),
    );
    const input = { title: '关于停车', analysis: '现状', suggestions: '建议', exclude_id: 8 };
    await similar(input);
    expect(calls[0]!.method).toBe('POST');
    expect(pathOf(calls[0]!)).toBe('/proposals/similar');
    expect(calls[0]!.body).toEqual(input);
    expect(calls[0]!.headers['X-CSRF-Token']).toBe('csrf-1');
    await similarFor(5);
    expect(`${calls[1]!.method} ${pathOf(calls[1]!)}`).toBe('GET /proposals/5/similar');
    const doc = await downloadProposalDocument(5);
    expect(doc).toBeInstanceOf(Blob);
    expect(`${calls[2]!.method} ${pathOf(calls[2]!)}`).toBe('GET /proposals/5/document');
    expect(documentUrl(5)).toBe('/api/v1/proposals/5/document');
  });

  it('reads the queues and the co-signer options', async () => {
    const { calls } = mockFetch(
      () => jsonResponse(200, { queues: [{ code: 'to_check', name: '待初审', count: 2 }] }),
      () => jsonResponse(200, { items: [] }),
    );
    expect((await getProposalQueues()).queues[0]!.count).toBe(2);
    await listCosignerOptions(' 王 ');
    expect(pathOf(calls[1]!)).toBe('/proposals/cosigner-options');
    expect(queryOf(calls[1]!)).toEqual({ q: '王' });
  });

  it('creates, autosaves with the version, and runs actions with the CSRF header', async () => {
    const { calls } = mockFetch(() => jsonResponse(200, { id: 5, version: 2 }));
    await createProposal({ title: '案由', proposer_kind: 'member' });
    await patchProposal(5, { version: 1, analysis: '分析' });
    await proposalAction(5, 'return', { comment: '请补充' });
    await assignmentAction(5, 9, 'approve_reassign', { unit_id: 3 });
    expect(calls.map((c) => `${c.method} ${pathOf(c)}`)).toEqual([
      'POST /proposals',
      'PATCH /proposals/5',
      'POST /proposals/5/actions/return',
      'POST /proposals/5/assignments/9/actions/approve_reassign',
    ]);
    expect(calls[1]!.body).toEqual({ version: 1, analysis: '分析' });
    expect(calls[2]!.body).toEqual({ comment: '请补充' });
    expect(calls.every((c) => c.headers['X-CSRF-Token'] === 'csrf-1')).toBe(true);
  });

  it('turns a version conflict into an ApiError with its code', async () => {
    mockFetch(() => apiError(409, 'proposal.version_conflict', '提案已在别处被修改，请刷新后再试'));
    await expect(patchProposal(5, { version: 1 })).rejects.toMatchObject({
      code: 'proposal.version_conflict',
      status: 409,
    });
  });

  it('uploads multipart form data with the part file and assignment_id, without a Content-Type', async () => {
    const { calls } = mockFetch(() => jsonResponse(201, { id: 1, file_name: 'a.pdf' }));
    const file = new File(['%PDF'], 'a.pdf', { type: 'application/pdf' });
    await uploadProposalAttachment(5, file);
    await uploadProposalAttachment(5, file, 9);
    expect(pathOf(calls[0]!)).toBe('/proposals/5/attachments');
    const first = calls[0]!.raw as FormData;
    expect(first).toBeInstanceOf(FormData);
    expect((first.get('file') as File).name).toBe('a.pdf');
    expect(first.has('assignment_id')).toBe(false);
    expect((calls[1]!.raw as FormData).get('assignment_id')).toBe('9');
    expect(calls[0]!.headers['Content-Type']).toBeUndefined();
    expect(calls[0]!.headers['X-CSRF-Token']).toBe('csrf-1');
  });

  it('downloads and deletes attachments', async () => {
    const { calls } = mockFetch(
      () => new Response(new Blob(['x']), { status: 200 }),
      () => new Response(null, { status: 204 }),
    );
    const blob = await downloadProposalAttachment(5, 2);
    expect(blob).toBeInstanceOf(Blob);
    await deleteProposalAttachment(5, 2);
    expect(calls.map((c) => `${c.method} ${pathOf(c)}`)).toEqual([
      'GET /proposals/5/attachments/2',
      'DELETE /proposals/5/attachments/2',
    ]);
  });

  it('checks a file before uploading it', () => {
    const settings = { max_attachment_mb: 1, max_attachments: 2 };
    expect(attachmentProblem({ name: 'a.PDF', size: 10 }, settings, 0)).toBeNull();
    expect(attachmentProblem({ name: 'a.exe', size: 10 }, settings, 0)).toBe('type');
    expect(attachmentProblem({ name: 'noext', size: 10 }, settings, 0)).toBe('type');
    expect(attachmentProblem({ name: 'a.docx', size: 2 * 1024 * 1024 }, settings, 0)).toBe('size');
    expect(attachmentProblem({ name: 'a.xlsx', size: 10 }, settings, 2)).toBe('count');
    expect(attachmentProblem({ name: 'a.jpg', size: 10 }, null, 9)).toBeNull();
  });
});

describe('proposal display helpers', () => {
  it('colours states and warns about deadlines', () => {
    expect(proposalStateTag('closed')).toBe('success');
    expect(proposalStateTag('returned')).toBe('danger');
    expect(proposalStateTag('unknown')).toBe('info');
    expect(daysUntil('2025-03-01', '2025-02-27')).toBe(2);
    expect(deadlineStatus('2025-03-01', true, '2025-01-01', 15)).toBe('overdue');
    expect(deadlineStatus('2025-03-01', false, '2025-03-02', 15)).toBe('overdue');
    expect(deadlineStatus('2025-03-01', false, '2025-02-20', 15)).toBe('due_soon');
    expect(deadlineStatus('2025-03-01', false, '2025-01-01', 15)).toBeNull();
    expect(deadlineStatus(null, false, '2025-01-01', 15)).toBeNull();
  });

  it('formats sizes and co-signer options', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(2 * 1024 * 1024)).toBe('2 MB');
    expect(cosignerLabel({ member_id: 1, name: '王小明', member_no: '0901', sector: '教育界' })).toBe(
      '王小明（0901 · 教育界）',
    );
    expect(
      cosignerLabel({ member_id: 1, name: '李', member_no: '0902', sector: { id: 1, name: '经济界' } }),
    ).toBe('李（0902 · 经济界）');
    expect(cosignerLabel({ member_id: 1, name: '赵', member_no: '', sector: null })).toBe('赵');
  });
});
