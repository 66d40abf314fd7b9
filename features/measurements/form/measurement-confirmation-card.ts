import { isDoneKind } from '../../../core/status-rules';
import type { Goal, Kpi } from '../../../goals/contract-schema';
import type { Measurement } from '../../../core/measurement';
import type { KpiStatus } from '../../../core/status-rules';
import { formatDate, formatDateTime, formatKpiValue, formatMonthShort } from '../../../core/danish-format';
import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from '../../../cards/adaptive-card';
import { CARD_VERBS } from '../../../core/card-verbs';
import { escapeMarkdown } from '../../../cards/escape-markdown';
import { executeAction } from '../../../cards/execute-action';
import { goalHeading } from '../../status/goal-status-view';
import { statusStyle } from '../../status/status-style';

export interface MeasurementConfirmationInput {
  goal: Pick<Goal, 'id' | 'title'>;
  kpi: Kpi;
  /** The stored row (for a replay: the row the first submission stored). */
  measurement: Measurement;
  /** The KPI's status with this row counted (core/status-rules.ts). */
  status: KpiStatus;
  /** Time zone for "registreret …". */
  timeZone: string;
}

const SEGMENT_LABELS = { drift: 'Drift', vækst: 'Vækst' } as const;

function shownValue(kpi: Kpi, value: number | null, done: boolean | null): string {
  return isDoneKind(kpi) ? formatKpiValue(kpi, done === true) : formatKpiValue(kpi, value ?? 0);
}

/**
 * The row status is judged by for this row's series (its segment, for a KPI with segments) when it
 * is newer than the row just stored (status rules R2): the new row then changes nothing, and the
 * confirmation says so rather than letting the status line suggest otherwise.
 */
function newerLatest(kpi: Kpi, m: Measurement, status: KpiStatus): Measurement | undefined {
  const latest = kpi.segments.length === 0 ? status.latest : (status.segments.find((s) => s.segment === m.segment)?.latest ?? null);
  return latest !== null && latest.id !== m.id && latest.measuredOn > m.measuredOn ? latest : undefined;
}

/**
 * What replaces the form once a measurement is stored: what was recorded, by whom and when,
 * the value it replaced, and the KPI's new status with its reason. Everything typed by a user
 * (comment, evidence, source text, period, name) is markdown-escaped.
 */
export function measurementConfirmationCard(input: MeasurementConfirmationInput): AdaptiveCard {
  const { kpi, measurement: m, status } = input;
  const correction = m.supersedesId !== null;
  const facts: Array<{ title: string; value: string }> = [
    { title: 'Mål', value: goalHeading(input.goal) },
    { title: 'Målepunkt', value: `${escapeMarkdown(kpi.id)} – ${escapeMarkdown(kpi.label)}` },
  ];
  if (m.segment) facts.push({ title: 'Segment', value: SEGMENT_LABELS[m.segment] });
  facts.push(
    { title: 'Værdi', value: escapeMarkdown(shownValue(kpi, m.value, m.done)) },
    { title: 'Periode', value: escapeMarkdown(m.period) },
    // Dates start with a number ("1. december 2026"): unescaped, Teams shows them as a numbered list.
    { title: 'Målt', value: escapeMarkdown(formatDate(m.measuredOn)) },
    { title: 'Kilde', value: escapeMarkdown(m.source) },
  );
  if (m.evidence) facts.push({ title: 'Dokumentation', value: escapeMarkdown(m.evidence) });
  if (m.note) facts.push({ title: 'Kommentar', value: escapeMarkdown(m.note) });
  facts.push(
    { title: 'Registreret af', value: escapeMarkdown(m.recordedByName ?? m.recordedBy) },
    { title: 'Registreret', value: escapeMarkdown(formatDateTime(m.recordedAt, input.timeZone)) },
  );
  if (correction) facts.push({ title: 'Retter', value: `måling nr. ${m.supersedesId}` });
  facts.push({
    title: correction ? 'Rettet fra' : 'Forrige værdi',
    value: m.previousId === null ? 'ingen tidligere måling' : `${escapeMarkdown(shownValue(kpi, m.previousValue, m.previousDone))} (måling nr. ${m.previousId})`,
  });

  const style = statusStyle(status.status);
  const older = newerLatest(kpi, m, status);
  const body: CardElement[] = [
    textBlock(correction ? 'Rettelsen er gemt' : 'Målingen er gemt', { size: 'Large', weight: 'Bolder', color: 'good' }),
    textBlock(`Måling nr. ${m.id}`, { isSubtle: true, spacing: 'None' }),
    { type: 'FactSet', facts },
    {
      type: 'Container',
      style: 'emphasis',
      items: [
        textBlock(`Ny status for ${escapeMarkdown(kpi.id)}: ${style.label}`, { weight: 'Bolder', color: style.color }),
        textBlock(escapeMarkdown(status.reason), { spacing: 'Small' }),
        ...(older === undefined
          ? []
          : [textBlock(`Din måling (${formatMonthShort(m.measuredOn)}) er ældre end den seneste (${formatMonthShort(older.measuredOn)}); status bygger på den seneste.`, { spacing: 'Small', color: 'warning' })]),
      ],
    },
  ];
  const actions = [
    executeAction('Ret denne måling', CARD_VERBS.openCorrectionForm, { goalId: input.goal.id, measurementId: String(m.id), back: 'confirmation', backMeasurementId: String(m.id) }),
    executeAction('Historik', CARD_VERBS.showHistory, { goalId: input.goal.id }),
  ];
  return adaptiveCard(body, actions, `${correction ? 'Rettelse' : 'Måling'} gemt: ${kpi.id} ${shownValue(kpi, m.value, m.done)} – status ${style.label}`);
}
