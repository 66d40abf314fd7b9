import type { Kpi } from '../goals/contract-schema';

/**
 * The measurement form a KPI is recorded with: a number (share, NPS, points, count), a milestone
 * (reached or not, with documentation) or an ongoing duty ("løbende forpligtelse": kept and
 * documented for the period, or not). One form per kind, so a form never asks for fields that
 * only some of its KPIs need; the goal's card offers one button per kind its KPIs have.
 */
export type FormKind = 'number' | 'milestone' | 'duty';

export const FORM_KINDS: readonly FormKind[] = ['number', 'milestone', 'duty'];

export function formKindOf(kpi: Pick<Kpi, 'kind'>): FormKind {
  if (kpi.kind === 'milestone') return 'milestone';
  if (kpi.kind === 'duty') return 'duty';
  return 'number';
}

/** The kinds a goal's KPIs need, in FORM_KINDS order. */
export function formKindsOf(kpis: ReadonlyArray<Pick<Kpi, 'kind'>>): FormKind[] {
  const present = new Set(kpis.map(formKindOf));
  return FORM_KINDS.filter((k) => present.has(k));
}

/** The button that opens a kind's form when a goal needs several: "Indberet tal", "Indberet milepæl". */
export const FORM_KIND_BUTTONS: Record<FormKind, string> = {
  number: 'Indberet tal',
  milestone: 'Indberet milepæl',
  duty: 'Indberet forpligtelse',
};

export function isFormKind(value: unknown): value is FormKind {
  return typeof value === 'string' && (FORM_KINDS as readonly string[]).includes(value);
}
