import { chineseNumber } from '@/utils/format';

type Translate = (key: string, params: Record<string, unknown>) => string;

/** "第十届" / "Term 10" for a term that may not exist yet (the server names existing ones). */
export function termLabel(t: Translate, number: number): string {
  return t('terms.termName', { n: number, cn: chineseNumber(number) });
}
