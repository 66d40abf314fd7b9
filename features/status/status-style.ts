import type { Status } from '../../core/status-types';

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

/** Colour and label for a status. */
export function statusStyle(status: Status): StatusStyle {
  return STYLES[status];
}
