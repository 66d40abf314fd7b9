/**
 * The input fields of an Adaptive Card form (Input.Text, Input.Number, Input.Date, Input.Time,
 * Input.Toggle, Input.ChoiceSet), read the way Teams reads them: every value is a string, a
 * toggle sends its valueOn/valueOff, a multi-select ChoiceSet its values joined by commas.
 * Client-side checks (isRequired, regex, number) mirror what the Teams client refuses to send;
 * the bot validates again on its side.
 */

export type Json = Record<string, unknown>;

export interface CardInput {
  id: string;
  type: string;
  /** What the field is called on screen: label, else placeholder, else id. */
  label: string;
  /** The value the card starts with ('' if none). */
  initial: string;
  isRequired: boolean;
  errorMessage: string | undefined;
  regex: string | undefined;
  min: number | undefined;
  max: number | undefined;
  choices: ReadonlyArray<{ title: string; value: string }>;
  isMultiSelect: boolean;
  valueOn: string;
  valueOff: string;
}

export function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The input an element describes, or undefined if it is no input (or has no id, so sends nothing). */
export function readInput(element: Json): CardInput | undefined {
  const type = str(element.type) ?? '';
  if (!type.startsWith('Input.')) return undefined;
  const id = str(element.id);
  if (id === undefined || id === '') return undefined;
  const choices = Array.isArray(element.choices)
    ? element.choices.filter(isRecord).map((c) => ({ title: str(c.title) ?? str(c.value) ?? '', value: str(c.value) ?? '' }))
    : [];
  return {
    id,
    type,
    label: str(element.label) ?? str(element.placeholder) ?? id,
    initial: str(element.value) ?? '',
    isRequired: element.isRequired === true,
    errorMessage: str(element.errorMessage),
    regex: str(element.regex),
    min: num(element.min),
    max: num(element.max),
    choices,
    isMultiSelect: element.isMultiSelect === true,
    valueOn: str(element.valueOn) ?? 'true',
    valueOff: str(element.valueOff) ?? 'false',
  };
}

/**
 * Turns what the user typed into the value Teams would send (a ChoiceSet accepts a choice's
 * number or title as well as its value; a toggle accepts ja/nej, j/n, yes/no, true/false).
 */
export function normalizeInputValue(input: CardInput, typed: string): string {
  const t = typed.trim();
  if (input.type === 'Input.Toggle') {
    if (/^(ja|j|yes|y|true|1|on)$/i.test(t)) return input.valueOn;
    if (/^(nej|n|no|false|0|off)$/i.test(t)) return input.valueOff;
    return t;
  }
  // Teams' number field sends "47.5" whatever the locale; a Danish "47,5" typed here becomes that.
  if (input.type === 'Input.Number') return t.replace(/^(-?\d+),(\d+)$/, '$1.$2');
  if (input.type === 'Input.ChoiceSet' && input.choices.length > 0) {
    const one = (part: string) => {
      const p = part.trim();
      const byNumber = /^\d+$/.test(p) ? input.choices[Number(p) - 1] : undefined;
      const byTitle = input.choices.find((c) => c.title.toLowerCase() === p.toLowerCase());
      return (input.choices.find((c) => c.value === p) ?? byNumber ?? byTitle)?.value ?? p;
    };
    return input.isMultiSelect ? t.split(',').map(one).filter((v) => v !== '').join(',') : one(t);
  }
  return typed;
}

/** Why Teams would not send this value, in Danish; undefined when it is acceptable. */
export function inputProblem(input: CardInput, value: string): string | undefined {
  const fallback = (what: string) => input.errorMessage ?? `${input.label}: ${what}`;
  if (value.trim() === '') return input.isRequired ? fallback('skal udfyldes') : undefined;
  if (input.type === 'Input.Text' && input.regex !== undefined) {
    let re: RegExp | undefined;
    try {
      re = new RegExp(`^(?:${input.regex})$`);
    } catch {
      re = undefined; // a malformed pattern in the card: let the bot decide
    }
    if (re && !re.test(value)) return fallback('har ikke det rigtige format');
  }
  if (input.type === 'Input.Number') {
    const n = Number(value);
    if (!Number.isFinite(n)) return fallback('skal være et tal');
    if (input.min !== undefined && n < input.min) return fallback(`skal være mindst ${input.min}`);
    if (input.max !== undefined && n > input.max) return fallback(`må højst være ${input.max}`);
  }
  if (input.type === 'Input.Date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return fallback('skal være en dato som 2026-03-31');
  if (input.type === 'Input.Time' && !/^\d{2}:\d{2}$/.test(value)) return fallback('skal være et klokkeslæt som 09:30');
  if (input.type === 'Input.ChoiceSet' && input.choices.length > 0) {
    const allowed = new Set(input.choices.map((c) => c.value));
    const picked = input.isMultiSelect ? value.split(',') : [value];
    if (picked.some((p) => !allowed.has(p))) return fallback(`vælg mellem ${input.choices.map((c, i) => `${i + 1}) ${c.title}`).join(', ')}`);
  }
  return undefined;
}
