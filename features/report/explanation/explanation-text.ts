import { WORD_JOINER } from '../../measurements/form/form-fields';

export const EXPLANATION_MIN_CHARS = 10;
export const EXPLANATION_MAX_CHARS = 2000;

/**
 * What is kept of a typed explanation: paragraphs (line breaks) stay, since an explanation to KKR
 * is running text; control characters, word joiners (the form's "${" guard) and trailing spaces go,
 * and more than one empty line in a row becomes one.
 */
export function cleanExplanation(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .replace(new RegExp(WORD_JOINER, 'g'), '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .split('\n')
    .map((l) => l.replace(/\s+$/u, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The server's check of the form (client validation is a hint only): an error message, or undefined. */
export function explanationProblem(text: string): string | undefined {
  if (text === '') return 'Skriv forklaringen.';
  if ([...text].length < EXPLANATION_MIN_CHARS) return `Forklaringen er for kort – skriv mindst ${EXPLANATION_MIN_CHARS} tegn, så KKR kan forstå den.`;
  if ([...text].length > EXPLANATION_MAX_CHARS) return `Forklaringen er ${[...text].length} tegn; der er plads til ${EXPLANATION_MAX_CHARS}. Gør den kortere.`;
  return undefined;
}
