/**
 * A number as people type it into a card or a Danish Excel sheet: "37", "37,5", "37.5",
 * " 37 % ", "−4" (a real minus), "+10 procentpoint", "72 point". Returns undefined for anything
 * else ("abc", "1.234,5", "37,5,1", "", "Infinity") — the caller says what is wrong.
 *
 * Only one decimal separator and no thousands separators: "1.234" would be ambiguous
 * (one thousand or one point two) and no KPI of the contract needs numbers that large.
 */
const UNIT_SUFFIX = /\s*(%|pct\.?|procent|procentpoint|pp|point|points?)\s*$/i;
const NUMBER = /^[+-]?\d{1,12}(?:[.,]\d{1,12})?$/;

export function parseDecimal(raw: string): number | undefined {
  const text = raw
    .trim()
    .replace(/[\u2212\u2013]/g, '-') // − (minus sign) and – (en dash, Word's autocorrect) as minus
    .replace(UNIT_SUFFIX, '')
    .replace(/^([+-])\s+/, '$1');
  if (!NUMBER.test(text)) return undefined;
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}
