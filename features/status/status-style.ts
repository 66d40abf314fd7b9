import { ENGLISH_STATUS, type Status } from '../../core/status-types';
import type { Language } from '../../core/language';

/** Adaptive Card text colours (schema `Colors`) used for statuses. */
export type StatusColor = 'good' | 'accent' | 'warning' | 'attention' | 'default';

export interface StatusStyle {
  color: StatusColor;
  /** The status word with a capital letter, no emoji: colour is a hint, the word carries the meaning. */
  label: string;
}

const STYLES: Record<Status, StatusStyle> = {
  opfyldt: { color: 'good', label: 'Opfyldt' },
  'delvist opfyldt': { color: 'accent', label: 'Delvist opfyldt' },
  'på vej': { color: 'accent', label: 'På vej' },
  'i risiko': { color: 'warning', label: 'I risiko' },
  'ikke opfyldt': { color: 'attention', label: 'Ikke opfyldt' },
  'afventer måling': { color: 'default', label: 'Afventer måling' },
  'ingen data': { color: 'default', label: 'Ingen data' },
};

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Colour and label for a status; in English the label is the English word ("At risk"), the value stays Danish. */
export function statusStyle(status: Status, language: Language = 'da'): StatusStyle {
  return language === 'en' ? { ...STYLES[status], label: capitalise(ENGLISH_STATUS[status]) } : STYLES[status];
}
