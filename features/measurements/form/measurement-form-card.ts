import { isDoneKind } from '../../../core/status-rules';
import type { Goal, Kpi, Segment } from '../../../goals/contract-schema';
import type { Measurement } from '../../../core/measurement';
import { formatDate, formatKpiValue } from '../../../core/danish-format';
import { DONE_CHOICES, FIELD_LIMITS, inputValueOf, type FieldErrors, type FormField, type FormValues } from './form-fields';
import { MEASUREMENT_SOURCES } from './measurement-sources';
import { valueHint } from './validate-measurement-form';
import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from '../../../cards/adaptive-card';
import { CARD_VERBS } from '../../../core/card-verbs';
import { escapeMarkdown } from '../../../cards/escape-markdown';
import { executeAction } from '../../../cards/execute-action';
import { goalHeading } from '../../status/goal-status-view';

export interface MeasurementFormInput {
  goal: Pick<Goal, 'id' | 'title'>;
  /** The KPIs the goal's form offers (its own and its sub-goals'); for a correction, only the corrected row's. */
  kpis: readonly Kpi[];
  /** Server-issued, embedded in the action data: makes the submission idempotent. */
  submissionId: string;
  /** Latest date the date picker offers (today, Danish time). */
  today: string;
  /** Values to show in the inputs: a prefill, or what the user sent when the form comes back with errors. */
  values: FormValues;
  /** One message per wrong field, shown right below it. */
  errors: FieldErrors;
  /** Set for "ret måling": the row being corrected (its KPI and segment are fixed). */
  correcting?: Measurement;
}

const SEGMENT_CHOICES: Array<{ title: string; value: Segment }> = [
  { title: 'Drift', value: 'drift' },
  { title: 'Vækst', value: 'vækst' },
];

/** A server message below its input (escaped: it may quote what the user typed). */
function errorBlock(message: string | undefined): CardElement[] {
  return message === undefined ? [] : [textBlock(escapeMarkdown(message), { color: 'attention', size: 'Small', spacing: 'None' })];
}

function help(text: string): CardElement {
  return textBlock(text, { isSubtle: true, size: 'Small', spacing: 'None' });
}

function value(values: FormValues, field: FormField): Record<string, string> {
  const v = values[field];
  return v === undefined || v === '' ? {} : { value: inputValueOf(v) };
}

function choiceValue(values: FormValues, field: FormField, allowed: readonly string[]): Record<string, string> {
  const v = values[field];
  return v !== undefined && allowed.includes(v) ? { value: v } : {};
}

function kpiTitle(kpi: Kpi): string {
  return `${kpi.id} – ${kpi.label}`;
}

function describeRow(kpi: Kpi, m: Measurement): string {
  const shown = isDoneKind(kpi) ? formatKpiValue(kpi, m.done === true) : formatKpiValue(kpi, m.value ?? 0);
  const segment = m.segment ? `, ${m.segment}` : '';
  return `nr. ${m.id}: ${shown}${segment} – ${m.period}, målt ${formatDate(m.measuredOn)}, registreret af ${m.recordedByName ?? m.recordedBy}`;
}

/**
 * The form for recording (or correcting) a measurement of one goal, built from the contract's KPIs:
 * the inputs the offered KPIs need (a value for numeric KPIs, "nået?" and evidence for milestones,
 * a segment where targets are per segment), then period, date, source and comment.
 * Values are typed as text on purpose: Input.Number would refuse "37,5" and "37 %" in the client.
 */
export function measurementFormCard(input: MeasurementFormInput): AdaptiveCard {
  const { kpis, values, errors, correcting } = input;
  const numeric = kpis.filter((k) => !isDoneKind(k));
  const milestones = kpis.filter((k) => isDoneKind(k));
  const segmented = kpis.filter((k) => k.segments.length > 0);
  const single = kpis.length === 1 ? kpis[0] : undefined;

  const body: CardElement[] = [
    textBlock(correcting ? 'Ret måling' : 'Indberet måling', { size: 'Small', isSubtle: true }),
    textBlock(goalHeading(input.goal), { size: 'Large', weight: 'Bolder', spacing: 'None' }),
  ];
  if (Object.keys(errors).length > 0) {
    body.push({
      type: 'Container',
      style: 'attention',
      items: [textBlock('Målingen er ikke gemt. Ret de markerede felter, og send igen.', { weight: 'Bolder' })],
    });
  }
  if (correcting && single) {
    body.push(
      textBlock(`Du retter måling ${escapeMarkdown(describeRow(single, correcting))}.`, { wrap: true }),
      help('Den oprindelige måling bliver stående i historikken; rettelsen erstatter den i status.'),
    );
  } else {
    body.push(help('Felter med * skal udfyldes. Kun medarbejdere med indberetningsret kan gemme.'));
  }

  // Målepunkt
  if (single) {
    body.push(textBlock(`**Målepunkt:** ${escapeMarkdown(kpiTitle(single))}`, { spacing: 'Medium' }), help(`Mål: ${escapeMarkdown(single.targetText)}`));
  } else {
    body.push(
      {
        type: 'Input.ChoiceSet',
        id: 'kpiId',
        label: 'Målepunkt',
        isRequired: true,
        errorMessage: 'Vælg målepunkt',
        style: 'compact',
        placeholder: 'Vælg målepunkt',
        choices: kpis.map((k) => ({ title: kpiTitle(k), value: k.id })),
        ...choiceValue(values, 'kpiId', kpis.map((k) => k.id)),
        spacing: 'Medium',
      },
      ...errorBlock(errors.kpiId),
    );
  }

  // Segment
  if (correcting) {
    if (correcting.segment) body.push(textBlock(`**Segment:** ${SEGMENT_CHOICES.find((c) => c.value === correcting.segment)?.title ?? ''}`));
  } else if (segmented.length > 0) {
    const all = segmented.length === kpis.length;
    const offered = SEGMENT_CHOICES.filter((c) => segmented.some((k) => k.segments.includes(c.value)));
    body.push(
      {
        type: 'Input.ChoiceSet',
        id: 'segment',
        label: all ? 'Segment' : `Segment (kun for ${segmented.map((k) => k.id).join(', ')})`,
        isRequired: all && segmented.every((k) => k.segments.length > 1),
        errorMessage: 'Vælg segment',
        style: 'compact',
        placeholder: 'Vælg segment',
        choices: offered,
        ...choiceValue(values, 'segment', offered.map((c) => c.value)),
      },
      ...errorBlock(errors.segment),
    );
  }

  // Value (numeric KPIs)
  if (numeric.length > 0) {
    const hints = single ? [valueHint(single)] : numeric.map((k) => `${k.id}: ${valueHint(k)}`);
    body.push(
      {
        type: 'Input.Text',
        id: 'value',
        label: milestones.length > 0 ? 'Værdi (ikke for milepæle)' : 'Værdi',
        isRequired: milestones.length === 0,
        errorMessage: 'Skriv værdien',
        placeholder: single ? 'fx 37,5' : 'tal',
        maxLength: FIELD_LIMITS.value,
        ...value(values, 'value'),
      },
      help(escapeMarkdown(hints.join(' · '))),
      ...errorBlock(errors.value),
    );
  }

  // Milestones: done + evidence
  if (milestones.length > 0) {
    body.push(
      {
        type: 'Input.ChoiceSet',
        id: 'done',
        label: numeric.length > 0 ? `Milepæl nået? (kun for ${milestones.map((k) => k.id).join(', ')})` : 'Milepæl nået?',
        isRequired: numeric.length === 0,
        errorMessage: 'Vælg, om milepælen er nået',
        style: 'expanded',
        choices: [
          { title: 'Ja, nået', value: DONE_CHOICES.done },
          { title: 'Nej, ikke endnu', value: DONE_CHOICES.notDone },
        ],
        ...choiceValue(values, 'done', [DONE_CHOICES.done, DONE_CHOICES.notDone]),
      },
      ...errorBlock(errors.done),
      {
        type: 'Input.Text',
        id: 'evidence',
        label: 'Dokumentation',
        placeholder: 'Hvad viser, at milepælen er nået? (kræves ved «Ja»)',
        isMultiline: true,
        maxLength: FIELD_LIMITS.evidence,
        ...value(values, 'evidence'),
      },
      ...errorBlock(errors.evidence),
    );
  }

  body.push(
    {
      type: 'Input.Text',
      id: 'period',
      label: 'Periode',
      isRequired: true,
      errorMessage: 'Skriv perioden',
      placeholder: 'fx efterår 2021',
      maxLength: FIELD_LIMITS.period,
      ...value(values, 'period'),
    },
    ...errorBlock(errors.period),
    {
      type: 'Input.Date',
      id: 'measuredOn',
      label: 'Målt den',
      isRequired: true,
      errorMessage: 'Vælg datoen',
      max: input.today,
      ...value(values, 'measuredOn'),
    },
    help('Datoen målingen blev foretaget eller offentliggjort – ikke en dato i fremtiden.'),
    ...errorBlock(errors.measuredOn),
    {
      type: 'Input.ChoiceSet',
      id: 'source',
      label: 'Kilde',
      isRequired: true,
      errorMessage: 'Vælg kilden',
      style: 'compact',
      placeholder: 'Vælg kilde',
      choices: MEASUREMENT_SOURCES.map((s) => ({ title: s.choice, value: s.key })),
      ...choiceValue(values, 'source', MEASUREMENT_SOURCES.map((s) => s.key)),
    },
    ...errorBlock(errors.source),
    {
      type: 'Input.Text',
      id: 'sourceOther',
      label: 'Anden kilde (kun ved «Andet»)',
      maxLength: FIELD_LIMITS.sourceOther,
      ...value(values, 'sourceOther'),
    },
    ...errorBlock(errors.sourceOther),
    {
      type: 'Input.Text',
      id: 'comment',
      label: 'Kommentar',
      placeholder: correcting ? 'Hvorfor rettes målingen?' : 'Valgfri',
      isMultiline: true,
      maxLength: FIELD_LIMITS.comment,
      ...value(values, 'comment'),
    },
    ...errorBlock(errors.comment),
  );

  const data: Record<string, string> = { goalId: input.goal.id, submissionId: input.submissionId };
  if (single && !correcting) data.kpiId = single.id;
  if (correcting) data.supersedesId = String(correcting.id);
  const action = correcting
    ? executeAction('Gem rettelse', CARD_VERBS.submitCorrection, data, { style: 'positive' })
    : executeAction('Gem måling', CARD_VERBS.submitMeasurement, data, { style: 'positive' });
  return adaptiveCard(body, [action], `${correcting ? 'Ret måling' : 'Indberet måling'} – mål ${input.goal.id}`);
}
