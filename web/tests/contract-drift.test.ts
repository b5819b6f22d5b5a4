// Drift check: the committed src/generated/contract.ts must be exactly what scripts/gen-contract writes
// from contract/*.json now.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ERRORS, Perm, ROLES } from '@/generated/contract';

const webDir = resolve(__dirname, '..');
const repoDir = resolve(webDir, '..');
const out = mkdtempSync(join(tmpdir(), 'lvzhi-contract-'));

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('generated contract', () => {
  it('matches what gen-contract produces from contract/', () => {
    execFileSync('python3', [join(repoDir, 'scripts/gen-contract'), join(repoDir, 'contract'), out, out], {
      stdio: 'pipe',
    });
    const fresh = readFileSync(join(out, 'contract.ts'), 'utf-8');
    const committed = readFileSync(join(webDir, 'src/generated/contract.ts'), 'utf-8');
    expect(committed, 'run: python3 scripts/gen-contract contract <tmp> web/src/generated').toBe(fresh);
  });

  it('declares the permissions, roles and errors the web app relies on', () => {
    const spec = JSON.parse(readFileSync(join(repoDir, 'contract/permissions.json'), 'utf-8')) as {
      permissions: Record<string, string>;
    };
    expect(Object.values(Perm).sort()).toEqual(Object.keys(spec.permissions).sort());
    expect(ROLES.sysadmin.name).toBe('系统管理员');
    expect(ROLES.sysadmin.permissions).toContain(Perm.COMMITTEE_VIEW);
    expect(ERRORS['auth.session_expired'].status).toBe(401);
  });
});
