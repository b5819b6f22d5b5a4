// The committee's proposal settings: deadlines, attachment limits and reply classes (GET/PATCH
// /proposals/settings, permission proposal.manage).
import { api } from './client';

export interface ReplyClass {
  code: string;
  name: string;
}

export interface ProposalSettings {
  reply_months: number;
  extended_months: number;
  rehandle_months: number;
  reassign_window_days: number;
  due_soon_days: number;
  max_attachment_mb: number;
  max_attachments: number;
  reply_classes: ReplyClass[];
}

export type ProposalNumericSetting = Exclude<keyof ProposalSettings, 'reply_classes'>;

/** Numeric fields in display order, with the ranges the server accepts. */
export const PROPOSAL_NUMERIC_SETTINGS: readonly { key: ProposalNumericSetting; min: number; max: number }[] =
  [
    { key: 'reply_months', min: 1, max: 12 },
    { key: 'extended_months', min: 1, max: 24 },
    { key: 'rehandle_months', min: 1, max: 6 },
    { key: 'reassign_window_days', min: 1, max: 30 },
    { key: 'due_soon_days', min: 1, max: 90 },
    { key: 'max_attachment_mb', min: 1, max: 50 },
    { key: 'max_attachments', min: 1, max: 50 },
  ];

export const PROPOSAL_SETTING_KEYS: readonly (keyof ProposalSettings)[] = [
  ...PROPOSAL_NUMERIC_SETTINGS.map((s) => s.key),
  'reply_classes',
];

/** Limits on the reply classes, as the server checks them. */
export const REPLY_CLASS_LIMITS = { minCount: 2, maxCount: 6, maxCode: 4, maxName: 30 } as const;

/** Characters (code points) in `text`, as the server counts them. */
const charCount = (text: string) => [...text].length;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** The classes with code and name trimmed, as the server stores them. */
export function trimmedClasses(classes: readonly ReplyClass[]): ReplyClass[] {
  return classes.map((c) => ({ code: c.code.trim(), name: c.name.trim() }));
}

function sameClasses(a: readonly ReplyClass[], b: readonly ReplyClass[]): boolean {
  return a.length === b.length && a.every((c, i) => c.code === b[i]!.code && c.name === b[i]!.name);
}

/** Only the fields whose value differs from `original` (reply classes as a whole list, trimmed). */
export function changedProposalSettings(
  original: ProposalSettings,
  edited: ProposalSettings,
): Partial<ProposalSettings> {
  const patch: Partial<ProposalSettings> = {};
  for (const { key } of PROPOSAL_NUMERIC_SETTINGS) {
    if (edited[key] !== original[key]) patch[key] = edited[key];
  }
  const classes = trimmedClasses(edited.reply_classes);
  if (!sameClasses(classes, original.reply_classes)) patch.reply_classes = classes;
  return patch;
}

export type NumberProblem = 'range' | 'notLonger';
export type ClassesProblem = 'count';
export type CodeProblem = 'required' | 'tooLong' | 'duplicate';
export type NameProblem = 'required' | 'tooLong' | 'invalid';

export interface ProposalSettingsProblems {
  numbers: Partial<Record<ProposalNumericSetting, NumberProblem>>;
  classes: ClassesProblem | null;
  /** One entry per reply class, in order. */
  rows: { code: CodeProblem | null; name: NameProblem | null }[];
}

/** The client-side checks mirroring the server's; `null` when there is nothing wrong. */
export function checkProposalSettings(settings: ProposalSettings): ProposalSettingsProblems | null {
  const problems: ProposalSettingsProblems = { numbers: {}, classes: null, rows: [] };
  let found = false;
  for (const { key, min, max } of PROPOSAL_NUMERIC_SETTINGS) {
    const value: unknown = settings[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      problems.numbers[key] = 'range';
      found = true;
    }
  }
  if (!problems.numbers.extended_months && !problems.numbers.reply_months) {
    if (settings.extended_months <= settings.reply_months) {
      problems.numbers.extended_months = 'notLonger';
      found = true;
    }
  }
  const count = settings.reply_classes.length;
  if (count < REPLY_CLASS_LIMITS.minCount || count > REPLY_CLASS_LIMITS.maxCount) {
    problems.classes = 'count';
    found = true;
  }
  const seen = new Set<string>();
  for (const { code, name } of trimmedClasses(settings.reply_classes)) {
    let codeProblem: CodeProblem | null = null;
    if (!code) codeProblem = 'required';
    else if (charCount(code) > REPLY_CLASS_LIMITS.maxCode) codeProblem = 'tooLong';
    else if (seen.has(code)) codeProblem = 'duplicate';
    seen.add(code);
    let nameProblem: NameProblem | null = null;
    if (!name) nameProblem = 'required';
    else if (charCount(name) > REPLY_CLASS_LIMITS.maxName) nameProblem = 'tooLong';
    else if (CONTROL_CHARS.test(name)) nameProblem = 'invalid';
    if (codeProblem || nameProblem) found = true;
    problems.rows.push({ code: codeProblem, name: nameProblem });
  }
  return found ? problems : null;
}

export function getProposalSettings() {
  return api.get<ProposalSettings>('/proposals/settings');
}

export function updateProposalSettings(patch: Partial<ProposalSettings>) {
  return api.patch<ProposalSettings>('/proposals/settings', patch);
}

/** Sends only the changed fields; null when nothing changed (no request made). */
export async function saveProposalSettings(
  original: ProposalSettings,
  edited: ProposalSettings,
): Promise<ProposalSettings | null> {
  const patch = changedProposalSettings(original, edited);
  if (Object.keys(patch).length === 0) return null;
  return updateProposalSettings(patch);
}
