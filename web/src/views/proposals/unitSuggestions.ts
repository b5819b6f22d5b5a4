// The assign dialog's 建议承办单位: a click puts the suggested unit where the chosen mode takes units
// (single: the unit; separate: one more unit; lead + co: the lead first, then co-units).
import type { ActionValues } from './actionForms';

export type AssignChoice = Pick<
  ActionValues,
  'mode' | 'single_unit' | 'separate_units' | 'lead_unit' | 'co_units'
>;

/** The units the assign form holds now, in any role. */
export function chosenUnitIds(values: AssignChoice): number[] {
  if (values.mode === 'single') return values.single_unit ? [values.single_unit] : [];
  if (values.mode === 'separate') return [...values.separate_units];
  return [...(values.lead_unit ? [values.lead_unit] : []), ...values.co_units];
}

/** The changes to the assign form that add `unitId` (none when it is already chosen). */
export function addSuggestedUnit(values: AssignChoice, unitId: number): Partial<AssignChoice> {
  if (chosenUnitIds(values).includes(unitId)) return {};
  if (values.mode === 'single') return { single_unit: unitId };
  if (values.mode === 'separate') return { separate_units: [...values.separate_units, unitId] };
  if (!values.lead_unit) return { lead_unit: unitId };
  return { co_units: [...values.co_units, unitId] };
}
