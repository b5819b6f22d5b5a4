// Names of states, actions and queues in the current language: the Chinese ones come from the
// generated contract (see the i18n files), anything unknown falls back to the server's name or the code.
import { useI18n } from 'vue-i18n';
import type { ActionTable } from './actionForms';

export function useProposalNames() {
  const { t, te } = useI18n();
  const pick = (key: string, fallback: string) => (te(key) ? t(key) : fallback);

  return {
    stateName: (state: string | undefined, fallback = '') =>
      state ? pick(`proposals.states.${state}`, fallback || state) : '',
    assignmentStateName: (state: string | undefined, fallback = '') =>
      state ? pick(`proposals.assignmentStates.${state}`, fallback || state) : '',
    actionName: (table: ActionTable, action: string, fallback = '') =>
      pick(
        table === 'proposal' ? `proposals.actions.${action}` : `proposals.assignmentActions.${action}`,
        fallback || action,
      ),
    queueName: (code: string, fallback = '') => pick(`proposals.queues.${code}`, fallback || code),
    queueEmpty: (code: string, name = '') =>
      te(`proposals.queueEmpty.${code}`)
        ? t(`proposals.queueEmpty.${code}`)
        : t('proposals.list.emptyQueue', { name: pick(`proposals.queues.${code}`, name || code) }),
    kindName: (kind: string | undefined) => (kind ? pick(`proposals.kinds.${kind}`, kind) : ''),
    roleName: (role: string | undefined) => (role ? pick(`proposals.unitRoles.${role}`, role) : ''),
    ratingName: (rating: string | null | undefined) =>
      rating ? pick(`proposals.ratings.${rating}`, rating) : '',
  };
}
