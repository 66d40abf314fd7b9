import type { InterpretedPart, Kpi } from '../../goals/contract-schema';
import { formatTarget } from '../../core/danish-format';

/** The label every card puts after a fact the contract data reads into the contract (`kpi.interpreted`). */
export const INTERPRETATION_LABEL = 'Fortolkning';

/** " (Fortolkning)" after a part the data file interprets; "" for the contract's own words. */
export function interpretedMark(kpi: Pick<Kpi, 'interpreted'>, part: InterpretedPart): string {
  return kpi.interpreted.includes(part) ? ` (${INTERPRETATION_LABEL})` : '';
}

/** The target in words, marked when its number is an interpretation (9d's 13, 5b's "mindst"). */
export function formatTargetMarked(kpi: Kpi): string {
  return `${formatTarget(kpi)}${interpretedMark(kpi, 'target')}`;
}
