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
import { formOriginData, type FormOrigin } from './form-origin';
import type { FormKind } from '../../../core/form-kind';

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
  /** The card the form replaced, which "Annuller" brings back. Default: none (the form came as a new message). */
  origin?: FormOrigin;
  /** The form kind (core/form-kind.ts) the KPIs were chosen by; carried in the data so a form sent back with errors offers the same KPIs. */
  kind?: FormKind;
}

/** The id of the container holding "Anden kilde", shown by the «Andet …» toggle. */
const SOURCE_OTHER_CONTAINER = 'sourceOtherBox';

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
 * "Anden kilde" is needed only with «Andet»: hidden behind a toggle (Action.ToggleVisibility, no
 * round trip; Teams has no show-on-choice for inputs), shown from the start when the source is
 * «Andet» already or the field has a message. The server checks it either way.
 */
function sourceOtherBlock(values: FormValues, errors: FieldErrors): CardElement[] {
  const shown = values.source === 'andet' || errors.sourceOther !== undefined || (values.sourceOther ?? '') !== '';
  return [
    {
      type: 'ActionSet',
      spacing: 'Small',
      actions: [{ type: 'Action.ToggleVisibility', title: 'Andet: skriv kilden', targetElements: [SOURCE_OTHER_CONTAINER] }],
    },
    {
      type: 'Container',
      id: SOURCE_OTHER_CONTAINER,
      isVisible: shown,
      spacing: 'None',
      items: [
        {
          type: 'Input.Text',
          id: 'sourceOther',
          label: 'Anden kilde – skriv hvor tallet kommer fra (kun når kilden er «Andet»)',
          maxLength: FIELD_LIMITS.sourceOther,
          ...value(values, 'sourceOther'),
        },
        ...errorBlock(errors.sourceOther),
      ],
    },
  ];
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
  // A form holds one kind (core/form-kind.ts): ongoing duties are asked about in their own words.
  const duty = milestones.length > 0 && milestones.every((k) => k.kind === 'duty');
  const segmented = kpis.filter((k) => k.segments.length > 0);
  const single = kpis.length === 1 ? kpis[0] : undefined;

  const body: CardElement[] = [
    textBlock(correcting ? 'Ret måling' : 'Indberet måling', { size: 'Small', isSubtle: true }),
    textBlock(goalHeading(input.goal), { size: 'Large', weight: 'Bolder', spacing: 'None' }),
  ];
  if (Object.keys(errors).length > 0) {
    // Coloured text, not a filled "attention" container: that fill glares in Teams' dark theme.
    body.push(textBlock('Målingen er ikke gemt. Ret de markerede felter, og send igen.', { weight: 'Bolder', color: 'attention' }));
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
        label: all ? 'Segment (drift eller vækst)' : 'Segment – vælg, hvis målepunktet har mål for drift og vækst hver for sig',
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
    const hints = single ? [] : numeric.map((k) => `${k.id}: ${valueHint(k)}`);
    body.push(
      {
        type: 'Input.Text',
        id: 'value',
        label: single ? `Værdi – ${valueHint(single)}` : 'Værdi – i målepunktets enhed (se nedenfor)',
        isRequired: milestones.length === 0,
        errorMessage: 'Skriv værdien',
        placeholder: single ? 'fx 37,5' : 'tal',
        maxLength: FIELD_LIMITS.value,
        ...value(values, 'value'),
      },
      ...(hints.length > 0 ? [help(escapeMarkdown(hints.join(' · ')))] : []),
      ...errorBlock(errors.value),
    );
  }

  // Milestones: done + evidence
  if (milestones.length > 0) {
    body.push(
      {
        type: 'Input.ChoiceSet',
        id: 'done',
        label: duty ? 'Er forpligtelsen overholdt i perioden?' : 'Er milepælen nået?',
        isRequired: numeric.length === 0,
        errorMessage: duty ? 'Vælg, om forpligtelsen er overholdt' : 'Vælg, om milepælen er nået',
        style: 'expanded',
        choices: duty
          ? [
              { title: 'Ja, overholdt og dokumenteret', value: DONE_CHOICES.done },
              { title: 'Nej, ikke overholdt', value: DONE_CHOICES.notDone },
            ]
          : [
              { title: 'Ja, nået', value: DONE_CHOICES.done },
              { title: 'Nej, ikke endnu', value: DONE_CHOICES.notDone },
            ],
        ...choiceValue(values, 'done', [DONE_CHOICES.done, DONE_CHOICES.notDone]),
      },
      ...errorBlock(errors.done),
      {
        type: 'Input.Text',
        id: 'evidence',
        label: duty
          ? 'Dokumentation – hvad viser, at forpligtelsen er overholdt i perioden? (skal udfyldes ved «Ja»)'
          : 'Dokumentation – hvad viser, at milepælen er nået? (skal udfyldes ved «Ja»)',
        placeholder: duty ? 'fx beredskabsplan og bemanding pr. 1. oktober' : 'fx referat fra direktørmødet 15. marts 2021',
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
      label: 'Periode – hvilken periode dækker målingen?',
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
      label: 'Målt den – dagen målingen blev foretaget eller offentliggjort',
      isRequired: true,
      errorMessage: 'Vælg datoen',
      max: input.today,
      ...value(values, 'measuredOn'),
    },
    help('Ikke en dato i fremtiden.'),
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
    ...sourceOtherBlock(values, errors),
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

  const origin = input.origin ?? { view: 'none' };
  const data: Record<string, string> = { goalId: input.goal.id, submissionId: input.submissionId, ...formOriginData(origin), ...(input.kind ? { kind: input.kind } : {}) };
  if (single && !correcting) data.kpiId = single.id;
  if (correcting) data.supersedesId = String(correcting.id);
  const action = correcting
    ? executeAction('Gem rettelse', CARD_VERBS.submitCorrection, data, { style: 'positive' })
    : executeAction('Gem måling', CARD_VERBS.submitMeasurement, data, { style: 'positive' });
  // "Annuller" sends no inputs, so the client's required-field checks do not stop it.
  const cancel = executeAction('Annuller', CARD_VERBS.cancelForm, { goalId: input.goal.id, ...formOriginData(origin) }, { associatedInputs: 'none' });
  return adaptiveCard(body, [action, cancel], `${correcting ? 'Ret måling' : 'Indberet måling'} – mål ${input.goal.id}`);
}
