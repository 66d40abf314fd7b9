import type { InterpretedPart, Kpi } from '../../goals/contract-schema';
import { formatTarget } from '../../core/danish-format';
import type { Language } from '../../core/language';

/** The label every card puts after a fact the contract data reads into the contract (`kpi.interpreted`). */
export const INTERPRETATION_LABEL = 'Fortolkning';

/** The label on an English card: the contract's label stays, explained (an interpretation is always called "Fortolkning"). */
export const INTERPRETATION_LABEL_EN = 'Fortolkning – interpretation';

/** " (Fortolkning)" after a part the data file interprets ('en': " (Fortolkning – interpretation)"); "" for the contract's own words. */
export function interpretedMark(kpi: Pick<Kpi, 'interpreted'>, part: InterpretedPart, language: Language = 'da'): string {
  return kpi.interpreted.includes(part) ? ` (${language === 'en' ? INTERPRETATION_LABEL_EN : INTERPRETATION_LABEL})` : '';
}

/** The target in words, marked when its number is an interpretation (9d's 13, 5b's "mindst"). */
export function formatTargetMarked(kpi: Kpi, language: Language = 'da'): string {
  return `${formatTarget(kpi, language)}${interpretedMark(kpi, 'target', language)}`;
}
