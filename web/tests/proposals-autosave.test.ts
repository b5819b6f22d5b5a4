import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosave, type AutosaveSnapshot } from '@/views/proposals/autosave';

interface Draft {
  title: string;
  analysis: string;
  cosigner_ids: number[];
}

const blank = (): Draft => ({ title: '', analysis: '', cosigner_ids: [] });

/** A save whose answer the test controls. */
function deferredSave() {
  const calls: { changes: Partial<Draft>; version: number | null }[] = [];
  const pending: { resolve: (v: number) => void; reject: (e: unknown) => void }[] = [];
  const save = vi.fn(
    (changes: Partial<Draft>, version: number | null) =>
      new Promise<number>((resolve, reject) => {
        calls.push({ changes, version });
        pending.push({ resolve, reject });
      }),
  );
  return { save, calls, pending };
}

const conflict = Object.assign(new Error('提案已在别处被修改'), { code: 'proposal.version_conflict' });
const isConflict = (e: unknown) => (e as { code?: string })?.code === 'proposal.version_conflict';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('draft autosave', () => {
  it('waits 1.5 s after the last edit and sends one save with all the changes', async () => {
    const { save, calls, pending } = deferredSave();
    const saver = new Autosave<Draft>(blank(), 3, { save, isConflict });
    saver.update({ title: '关' });
    await vi.advanceTimersByTimeAsync(1000);
    saver.update({ title: '关于' });
    await vi.advanceTimersByTimeAsync(1000);
    saver.update({ analysis: '现状' });
    expect(saver.snapshot.status).toBe('pending');
    await vi.advanceTimersByTimeAsync(1499);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([{ changes: { title: '关于', analysis: '现状' }, version: 3 }]);
    expect(saver.snapshot.status).toBe('saving');
    pending[0]!.resolve(4);
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.snapshot).toMatchObject({ status: 'saved', version: 4, dirty: false });
    expect(saver.snapshot.savedAt).not.toBeNull();
  });

  it('sends nothing when an edit is undone before the debounce', async () => {
    const { save } = deferredSave();
    const saver = new Autosave<Draft>({ ...blank(), title: 'A' }, 1, { save });
    saver.update({ title: 'AB' });
    saver.update({ title: 'A' });
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).not.toHaveBeenCalled();
    expect(saver.dirty).toBe(false);
  });

  it('keeps edits made during a save and sends the latest right after it, with the bumped version', async () => {
    const { save, calls, pending } = deferredSave();
    const saver = new Autosave<Draft>(blank(), 1, { save, isConflict });
    saver.update({ title: '一' });
    await vi.advanceTimersByTimeAsync(1500);
    expect(calls).toHaveLength(1);
    // Typing goes on while the first save is in flight; its debounce fires before the answer.
    saver.update({ title: '一二', cosigner_ids: [7] });
    saver.update({ title: '一二三' });
    await vi.advanceTimersByTimeAsync(1500);
    expect(calls).toHaveLength(1);
    expect(saver.values.title).toBe('一二三');
    pending[0]!.resolve(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls[1]).toEqual({ changes: { title: '一二三', cosigner_ids: [7] }, version: 2 });
    pending[1]!.resolve(3);
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.snapshot).toMatchObject({ status: 'saved', version: 3, dirty: false });
  });

  it('waits for a running debounce after a save when the user is still typing', async () => {
    const { calls, pending, save } = deferredSave();
    const saver = new Autosave<Draft>(blank(), 1, { save });
    saver.update({ title: 'a' });
    await vi.advanceTimersByTimeAsync(1500);
    saver.update({ title: 'ab' });
    pending[0]!.resolve(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    expect(saver.snapshot.status).toBe('pending');
    await vi.advanceTimersByTimeAsync(1500);
    expect(calls[1]).toEqual({ changes: { title: 'ab' }, version: 2 });
  });

  it('creates the draft on the first save (version null), then patches with the version', async () => {
    const { calls, pending, save } = deferredSave();
    const saver = new Autosave<Draft>(blank(), null, { save });
    saver.update({ title: '新' });
    await vi.advanceTimersByTimeAsync(1500);
    expect(calls[0]).toEqual({ changes: { title: '新' }, version: null });
    pending[0]!.resolve(1);
    await vi.advanceTimersByTimeAsync(0);
    saver.update({ title: '新提案' });
    await vi.advanceTimersByTimeAsync(1500);
    expect(calls[1]).toEqual({ changes: { title: '新提案' }, version: 1 });
  });

  it('stops saving on a version conflict until reset, keeping what was typed', async () => {
    const { calls, pending, save } = deferredSave();
    const snapshots: AutosaveSnapshot[] = [];
    const saver = new Autosave<Draft>(blank(), 5, { save, isConflict, onChange: (s) => snapshots.push(s) });
    saver.update({ title: '我的' });
    await vi.advanceTimersByTimeAsync(1500);
    pending[0]!.reject(conflict);
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.snapshot.status).toBe('conflict');
    expect(saver.snapshot.error).toBe(conflict);
    saver.update({ title: '我的修改' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(await saver.flush()).toBe(false);
    expect(calls).toHaveLength(1);
    expect(saver.changes()).toEqual({ title: '我的修改' });
    // Reloaded from the server: saving starts again from its version.
    saver.reset({ ...blank(), title: '别人的' }, 7);
    expect(saver.snapshot).toMatchObject({ status: 'saved', version: 7, dirty: false, error: null });
    saver.update({ title: '别人的+' });
    await vi.advanceTimersByTimeAsync(1500);
    expect(calls[1]).toEqual({ changes: { title: '别人的+' }, version: 7 });
    expect(snapshots.some((s) => s.status === 'conflict')).toBe(true);
  });

  it('after another failure waits for retry (or the next edit) and then sends the same changes', async () => {
    const { calls, pending, save } = deferredSave();
    const saver = new Autosave<Draft>(blank(), 2, { save, isConflict });
    saver.update({ analysis: '内容' });
    await vi.advanceTimersByTimeAsync(1500);
    pending[0]!.reject(new Error('网络连接失败'));
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.snapshot).toMatchObject({ status: 'error', dirty: true, version: 2 });
    await vi.advanceTimersByTimeAsync(10000);
    expect(calls).toHaveLength(1);
    const retried = saver.retry();
    expect(calls[1]).toEqual({ changes: { analysis: '内容' }, version: 2 });
    pending[1]!.resolve(3);
    expect(await retried).toBe(true);
    expect(saver.snapshot).toMatchObject({ status: 'saved', version: 3, error: null });
    // A failure, then the user types: the next debounce tries again with everything.
    saver.update({ analysis: '内容2' });
    await vi.advanceTimersByTimeAsync(1500);
    pending[2]!.reject(new Error('x'));
    await vi.advanceTimersByTimeAsync(0);
    saver.update({ title: 'T' });
    await vi.advanceTimersByTimeAsync(1500);
    expect(calls[3]).toEqual({ changes: { analysis: '内容2', title: 'T' }, version: 3 });
  });

  it('flush saves at once, waits for a running save, and can force the creation', async () => {
    const { calls, pending, save } = deferredSave();
    const saver = new Autosave<Draft>(blank(), null, { save });
    const forced = saver.flush(true);
    expect(calls[0]).toEqual({ changes: {}, version: null });
    pending[0]!.resolve(1);
    expect(await forced).toBe(true);
    saver.update({ title: 'x' });
    await vi.advanceTimersByTimeAsync(1500);
    saver.update({ title: 'xy' });
    const flushed = saver.flush();
    pending[0 + 1]!.resolve(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls[2]).toEqual({ changes: { title: 'xy' }, version: 2 });
    pending[2]!.resolve(3);
    expect(await flushed).toBe(true);
    expect(saver.snapshot.version).toBe(3);
    // Nothing left: no request.
    expect(await saver.flush()).toBe(true);
    expect(calls).toHaveLength(3);
  });

  it('holds back while canSave says no', async () => {
    const { calls, save } = deferredSave();
    let ready = false;
    const saver = new Autosave<Draft>(blank(), null, { save, canSave: () => ready });
    saver.update({ title: '集体提案' });
    await vi.advanceTimersByTimeAsync(1500);
    expect(saver.snapshot.status).toBe('blocked');
    expect(calls).toHaveLength(0);
    ready = true;
    void saver.flush();
    expect(calls[0]).toEqual({ changes: { title: '集体提案' }, version: null });
  });

  it('takes values the server chose without sending them back, and ignores answers after dispose', async () => {
    const { calls, pending, save } = deferredSave();
    const saver = new Autosave<Draft>(blank(), 1, { save });
    saver.sync({ title: '服务器' });
    expect(saver.dirty).toBe(false);
    saver.update({ analysis: 'a' });
    await vi.advanceTimersByTimeAsync(1500);
    saver.dispose();
    pending[0]!.resolve(9);
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.snapshot.version).toBe(1);
    saver.update({ analysis: 'b' });
    await vi.advanceTimersByTimeAsync(3000);
    expect(calls).toHaveLength(1);
  });
});
