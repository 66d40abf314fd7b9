import { z } from 'zod';
import type { ContractData, Goal, Kpi, Segment } from '../../../goals/contract-schema';
import type { ContractBook } from '../../../goals/contract-book';
import { rowPeriod } from '../../../core/status-rules';
import { rowHome } from './row-contract';
import { formatDate, formatList, formatNumber } from '../../../core/danish-format';
import { cleanTypedText, DONE_CHOICES, FIELD_LIMITS, FORM_FIELDS, type FieldErrors, type FormField, type FormValues } from './form-fields';
import { findMeasurementSource } from './measurement-sources';
import { parseDecimal } from './parse-decimal';
import { normalizeFreeText } from './normalize-free-text';
import { parseMeasuredOn } from './parse-measured-on';
import { isDoneKind } from '../../../core/status-rules';

/** A measurement that passed every rule: ready to store (the caller adds who, when, where). */
export interface ValidMeasurementInput {
  /** The contract the row belongs to by its period (row-contract.ts). */
  contractId: string;
  kpi: Kpi;
  segment: Segment | null;
  value: number | null;
  done: boolean | null;
  period: string;
  measuredOn: string;
  /** The label stored in `source` ("CRM", or the text typed for "Andet"). */
  source: string;
  evidence: string | null;
  comment: string | null;
}

/** The row fields a valid input decides; form and import add who recorded it and how. */
export function measurementFields(v: ValidMeasurementInput) {
  return {
    contractId: v.contractId,
    kpiId: v.kpi.id,
    value: v.value,
    done: v.done,
    segment: v.segment,
    period: v.period,
    measuredOn: v.measuredOn,
    source: v.source,
    note: v.comment,
    evidence: v.evidence,
  };
}

export interface FormScope {
  goal: Pick<Goal, 'id'>;
  /** The KPIs this goal's form offers (kpisOfGoal: its own and its sub-goals'). */
  kpis: readonly Kpi[];
  /** Today's calendar date (YYYY-MM-DD, Europe/Copenhagen): no measurement may be from later. */
  today: string;
  /** The contract the form or import is for; a row goes there unless its period belongs to another. */
  contract: ContractData;
  /** Every loaded contract year; a period outside all of them is refused (row-contract.ts). */
  contracts: ContractBook;
}

export type FormValidation = { ok: true; value: ValidMeasurementInput; values: FormValues } | { ok: false; errors: FieldErrors; values: FormValues };

/** No KPI of the contract was measured before this; an earlier date is a typing error. */
export const EARLIEST_MEASUREMENT_DATE = '2000-01-01';

const SEGMENT_WORDS: Record<Segment, string> = { drift: 'drift', vækst: 'vækst' };

/**
 * A short echo of what was typed, for messages: «abc». Messages are plain text (the import prints
 * them); a card escapes them as a whole before showing them.
 */
function echo(raw: string): string {
  const short = raw.length > 30 ? `${raw.slice(0, 30)}…` : raw;
  return `«${short}»`;
}

/**
 * An over-long text as the re-shown form keeps it: at most twice the field's limit, cut between
 * characters. Teams' own inputs stop at the limit, so only a forged payload is ever cut — and
 * without the cut, one request (up to MAX_BODY_BYTES) could make the form coming back larger than
 * the 80 KB a card may have, and Teams would refuse to show it.
 */
function keptForForm(text: string, field: FormField): string {
  const max = 2 * FIELD_LIMITS[field];
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('');
}

/**
 * Each field arrives as a string (Teams sends every input value as one). Anything else (a number
 * or object in a forged payload) is refused; a missing field counts as empty.
 */
function fieldSchema(field: FormField, label: string) {
  const max = FIELD_LIMITS[field];
  return z
    .preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ error: `${label}: ugyldig værdi – brug formularen.` }))
    .transform((typed, ctx) => {
      const normalized = normalizeFreeText(typed);
      if (normalized.invisibleOnly) {
        ctx.addIssue({ code: 'custom', message: `${label} består kun af usynlige tegn – skriv noget, der kan ses, eller lad feltet stå tomt.` });
        return z.NEVER;
      }
      return normalized.text;
    })
    .pipe(
      z.string().max(max, {
        error: (issue) =>
          `${label} er for lang (${formatNumber(String(issue.input).length)} tegn) – højst ${formatNumber(max)} tegn.`,
      }),
    );
}

const LABELS: Record<FormField, string> = {
  kpiId: 'Målepunkt',
  segment: 'Segment',
  value: 'Værdien',
  done: 'Milepælsfeltet',
  evidence: 'Dokumentationen',
  period: 'Perioden',
  measuredOn: 'Datoen',
  source: 'Kilden',
  sourceOther: 'Den anden kilde',
  comment: 'Kommentaren',
};

const FIELD_SCHEMAS = Object.fromEntries(FORM_FIELDS.map((f) => [f, fieldSchema(f, LABELS[f])])) as Record<FormField, ReturnType<typeof fieldSchema>>;

const VALUE_SCHEMAS = new Map<Kpi['kind'], ReturnType<typeof buildValueSchema>>();

/** Built once per kind: schemas are immutable, and building one per submission showed in the bench. */
function valueSchema(kpi: Kpi): ReturnType<typeof buildValueSchema> {
  let schema = VALUE_SCHEMAS.get(kpi.kind);
  if (schema === undefined) VALUE_SCHEMAS.set(kpi.kind, (schema = buildValueSchema(kpi)));
  return schema;
}

/** The range and wording of a numeric KPI's value, by kind (core/status-rules.ts R3 for pp_change). */
function buildValueSchema(kpi: Pick<Kpi, 'kind'>) {
  const notANumber = (raw: string) => `${echo(raw)} er ikke et tal. Skriv fx 37 eller 37,5.`;
  const parsed = z.string().transform((raw, ctx) => {
    const n = parseDecimal(raw);
    if (n === undefined) {
      ctx.addIssue({ code: 'custom', message: notANumber(raw) });
      return z.NEVER;
    }
    return n;
  });
  switch (kpi.kind) {
    case 'share':
    case 'pp_change':
      return parsed.pipe(z.number().min(0, 'En andel kan ikke være under 0 %.').max(100, { error: (i) => `En andel skal ligge mellem 0 og 100 % – ${formatNumber(Number(i.input))} er for meget.` }));
    case 'nps':
      return parsed.pipe(
        z
          .number()
          .min(-100, { error: (i) => `NPS ligger mellem −100 og 100 – ${formatNumber(Number(i.input))} er uden for skalaen.` })
          .max(100, { error: (i) => `NPS ligger mellem −100 og 100 – ${formatNumber(Number(i.input))} er uden for skalaen.` }),
      );
    case 'effect_vs_control':
      return parsed.pipe(
        z
          .number()
          .min(-100, 'Forskellen til kontrolgruppen skal ligge mellem −100 og +100 procentpoint.')
          .max(100, 'Forskellen til kontrolgruppen skal ligge mellem −100 og +100 procentpoint.'),
      );
    case 'count':
      return parsed.pipe(
        z
          .number()
          .int({ error: (i) => `Et antal skal være et helt tal – ${formatNumber(Number(i.input), { maxDecimals: 6 })} er det ikke.` })
          .min(0, 'Et antal kan ikke være negativt.')
          .max(100_000, 'Antallet er urimeligt stort – tjek tallet.'),
      );
    case 'milestone':
    case 'duty':
      return parsed; // not used: milestones and duties have no value
  }
}

/** How to describe the value a KPI wants, for the form's help text and for messages. */
export function valueHint(kpi: Kpi): string {
  switch (kpi.kind) {
    case 'share':
      return 'andel i procent, 0–100 (fx 37 eller 37,5)';
    case 'pp_change':
      return 'det målte niveau i procent, 0–100 (ikke ændringen – den regner jeg ud)';
    case 'nps':
      return 'NPS fra −100 til 100';
    case 'effect_vs_control':
      return 'forskel til kontrolgruppen i procentpoint (fx 10 eller −2,5)';
    case 'count':
      return `antal${kpi.unit ? ` ${kpi.unit}` : ''}, et helt tal`;
    case 'milestone':
      return 'milepæl: nået eller ikke nået';
    case 'duty':
      return 'løbende forpligtelse: dokumenteret for perioden eller ikke';
  }
}

/**
 * Checks a submitted form against the contract and today's date. Every field is checked and every
 * problem reported at once, each as one Danish sentence next to its field; `values` is what the
 * user sent, cleaned, to put back into the form. Nothing here stores anything.
 */
export function validateMeasurementForm(raw: Record<string, unknown>, scope: FormScope): FormValidation {
  const errors: FieldErrors = {};
  const values: FormValues = {};
  for (const field of FORM_FIELDS) {
    const r = FIELD_SCHEMAS[field].safeParse(raw[field]);
    if (r.success) values[field] = r.data;
    else {
      errors[field] = r.error.issues[0]?.message ?? `${LABELS[field]} er ugyldig.`;
      // Keep an over-long text so the user can shorten it; a non-string is dropped.
      const typed = raw[field];
      if (typeof typed === 'string') values[field] = keptForForm(cleanTypedText(typed), field);
    }
  }
  const text = (f: FormField): string => values[f] ?? '';

  // Målepunkt: must be one of this goal's KPIs.
  let kpi: Kpi | undefined;
  if (errors.kpiId === undefined) {
    const id = text('kpiId').toLowerCase();
    kpi = scope.kpis.find((k) => k.id.toLowerCase() === id);
    if (id === '') errors.kpiId = 'Vælg målepunkt.';
    else if (kpi === undefined) {
      errors.kpiId = `Målepunkt ${echo(text('kpiId'))} hører ikke til mål ${scope.goal.id}. Vælg et af: ${formatList(scope.kpis.map((k) => k.id))}.`;
    }
  }

  // Segment: required (and one of the KPI's) when the target applies per segment; else empty.
  let segment: Segment | null = null;
  if (kpi !== undefined && errors.segment === undefined) {
    const chosen = text('segment').toLowerCase();
    if (kpi.segments.length === 0) {
      if (chosen !== '') errors.segment = `Målepunkt ${kpi.id} opgøres ikke pr. segment – lad segment stå tomt.`;
    } else if (chosen === '') {
      if (kpi.segments.length === 1) segment = kpi.segments[0]!;
      else errors.segment = `Vælg segment for ${kpi.id}: ${kpi.segments.map((s) => SEGMENT_WORDS[s]).join(' eller ')}.`;
    } else {
      // "vaekst" as well as "vækst" (a CSV or keyboard without æ), as import column names are read.
      const folded = (w: string): string => w.replace(/æ/g, 'ae');
      const match = kpi.segments.find((s) => folded(s) === folded(chosen));
      if (match === undefined) errors.segment = `Målepunkt ${kpi.id} gælder kun for ${formatList(kpi.segments.map((s) => SEGMENT_WORDS[s]))}.`;
      else segment = match;
    }
  }

  // Value or milestone.
  let value: number | null = null;
  let done: boolean | null = null;
  if (kpi !== undefined) {
    if (isDoneKind(kpi)) {
      if (errors.value === undefined && text('value') !== '') errors.value = `${kpi.id} er en ${kpi.kind === 'duty' ? 'løbende forpligtelse' : 'milepæl'}: brug «Milepæl nået?» og lad værdien stå tom.`;
      if (errors.done === undefined) {
        const d = text('done').toLowerCase();
        if (d === DONE_CHOICES.done || d === 'true') done = true;
        else if (d === DONE_CHOICES.notDone || d === 'false') done = false;
        else if (d === '') errors.done = 'Vælg, om milepælen er nået.';
        else errors.done = 'Vælg «Ja, nået» eller «Nej, ikke endnu».';
      }
      if (done === true && errors.evidence === undefined && text('evidence') === '') {
        errors.evidence = 'Skriv kort, hvad der dokumenterer, at milepælen er nået.';
      }
    } else {
      if (errors.done === undefined && text('done') !== '') errors.done = `Milepælsfeltet gælder ikke ${kpi.id} – lad det stå tomt.`;
      if (errors.value === undefined) {
        if (text('value') === '') errors.value = `Skriv værdien: ${valueHint(kpi)}.`;
        else {
          const r = valueSchema(kpi).safeParse(text('value'));
          if (r.success) value = r.data;
          else errors.value = r.error.issues[0]?.message ?? 'Værdien er ugyldig.';
        }
      }
      if (errors.evidence === undefined && text('evidence') !== '') errors.evidence = `Dokumentation hører til milepæle – skriv i stedet en kommentar til ${kpi.id}.`;
    }
  }

  if (errors.period === undefined && text('period') === '') errors.period = 'Skriv hvilken periode målingen dækker, fx «efterår 2021».';

  let measuredOn: string | undefined;
  if (errors.measuredOn === undefined) {
    const d = text('measuredOn');
    measuredOn = parseMeasuredOn(d);
    if (d === '') errors.measuredOn = 'Vælg datoen for målingen.';
    else if (measuredOn === undefined) errors.measuredOn = `${echo(d)} er ikke en dato. Brug fx 2021-09-30 eller 30-09-2021.`;
    else if (measuredOn > scope.today) {
      errors.measuredOn = `${formatDate(measuredOn)} ligger efter i dag (${formatDate(scope.today)}) – en måling kan ikke være fra fremtiden.`;
    } else if (measuredOn < EARLIEST_MEASUREMENT_DATE) errors.measuredOn = `${formatDate(measuredOn)} ligger før år 2000 – tjek årstallet.`;
  }

  let source: string | undefined;
  if (errors.source === undefined) {
    const s = findMeasurementSource(text('source'));
    if (text('source') === '') errors.source = 'Vælg kilden til målingen.';
    else if (s === undefined) errors.source = `${echo(text('source'))} er ikke en af kilderne på listen – vælg «Andet» og skriv kilden.`;
    else if (s.key === 'andet') {
      if (errors.sourceOther === undefined && text('sourceOther') === '') errors.sourceOther = 'Skriv hvilken kilde, når du vælger «Andet».';
      else source = text('sourceOther');
    } else {
      source = s.label;
      // The field is shown only for «Andet», but a client may still send it: never drop typed text silently.
      if (errors.sourceOther === undefined && text('sourceOther') !== '') errors.sourceOther = `«Anden kilde» bruges kun, når kilden er «Andet» – vælg «Andet», eller tøm feltet.`;
    }
  }

  // The period must belong to a loaded contract (its window, its period, or a baseline of the KPI).
  let contractId: string | undefined;
  if (kpi !== undefined && measuredOn !== undefined && errors.period === undefined) {
    const home = rowHome(scope.contracts, scope.contract, kpi.id, rowPeriod({ period: text('period'), measuredOn }), measuredOn);
    if (home.ok) contractId = home.contractId;
    else errors.period = home.message;
  }

  if (kpi === undefined || measuredOn === undefined || source === undefined || contractId === undefined || Object.keys(errors).length > 0) {
    return { ok: false, errors, values };
  }
  return {
    ok: true,
    values,
    value: {
      contractId,
      kpi,
      segment,
      value,
      done,
      period: text('period'),
      measuredOn,
      source,
      evidence: isDoneKind(kpi) && text('evidence') !== '' ? text('evidence') : null,
      comment: text('comment') === '' ? null : text('comment'),
    },
  };
}
