import type { ContractData } from '../../goals/contract-schema';
import { kpisOfGoal, subGoals, topLevelGoals } from '../../goals/contract-queries';
import type { Measurement } from '../../core/measurement';
import { goalStatus, kpiStatus } from '../../core/status-rules';
import { formatDate } from '../../core/danish-format';
import { describeLeadTime } from '../../core/schedule/lead-time';
import type { MeetingOccurrence } from '../../core/ports/meeting-occurrence-source';
import type { LeadTime, ScheduledDeadline } from '../../core/schedule/schedule';
import { formatLocalDateTime, formatMeetingTime } from './schedule/format-meeting-time';
import { addDays } from '../../core/time/zoned-time';
import { escapeMarkdown } from '../../cards/escape-markdown';
import type { StatusBadge } from '../status/goal-status-view';
import { statusStyle } from '../status/status-style';

export interface AgendaGoal {
  /** "Mål 4", "Mål 9a". */
  label: string;
  title: string;
  status: StatusBadge;
  reason: string;
}

export interface AgendaKpi {
  /** "KPI 4a". */
  label: string;
  text: string;
  reason: string;
}

export interface AgendaDeadline {
  when: string;
  title: string;
}

export interface MeetingCardView {
  title: string;
  /** "torsdag den 12. marts 2026 kl. 09.00–11.00". */
  when: string;
  /** "Påmindelse: mødet er om 2 dage." — only on reminders. */
  leadText: string | undefined;
  /** "Forsinket: …" when the reminder goes out after its time (e.g. after downtime). */
  lateNote: string | undefined;
  cancelled: boolean;
  /** Goals whose status is "i risiko" or "ikke opfyldt" — the agenda. */
  goalsAtRisk: AgendaGoal[];
  /** KPIs whose status is "ingen data". */
  kpisWithoutData: AgendaKpi[];
  /** Deadlines within the next 30 days. */
  deadlines: AgendaDeadline[];
  /** A report to KKR is due within them: the card offers "Lav rapport" for that contract year ({} when the year is not known). */
  reportDue: { year?: string } | undefined;
  /** "pr. 10. marts 2026". */
  asOf: string;
  demo: boolean;
}

export interface MeetingCardInput {
  contract: ContractData;
  meeting: MeetingOccurrence;
  title: string;
  timeZone: string;
  measurements: readonly Measurement[];
  /** Local date the statuses are judged on. */
  today: string;
  deadlines: readonly ScheduledDeadline[];
  /** Set on a reminder: how long before the meeting it was meant to go out. */
  lead?: LeadTime;
  /** Set when the reminder is late: when it should have gone out. */
  lateSince?: Date;
}

/** Days ahead the card lists deadlines for. */
export const AGENDA_DEADLINE_DAYS = 30;

function deadlineWhen(d: ScheduledDeadline): string {
  return d.from === d.to ? formatDate(d.to) : `${formatDate(d.from)} – ${formatDate(d.to)}`;
}

/** The meeting's agenda from the contract and the measurements: what needs the directors' attention. */
export function buildMeetingCardView(input: MeetingCardInput): MeetingCardView {
  const { contract, measurements, today } = input;
  let demo = false;
  const noteDemo = (m: Measurement | null) => {
    if (m?.demo === true) demo = true;
  };

  // Goals with their own KPIs: a parent (9) is represented by its sub-goals (9a–9d).
  const goals = topLevelGoals(contract).flatMap((g) => {
    const subs = subGoals(contract, g.id);
    return subs.length > 0 ? subs : [g];
  });
  const goalsAtRisk: AgendaGoal[] = [];
  for (const goal of goals) {
    const st = goalStatus(goal, kpisOfGoal(contract, goal.id), measurements, today);
    st.kpis.forEach((k) => noteDemo(k.latest));
    // A goal only partly met is on the agenda when one of its KPIs is at risk or not met.
    if (!st.kpis.some((k) => k.status === 'i risiko' || k.status === 'ikke opfyldt')) continue;
    goalsAtRisk.push({
      label: `Mål ${escapeMarkdown(goal.id)}`,
      title: escapeMarkdown(goal.title),
      status: { status: st.status, ...statusStyle(st.status) },
      reason: escapeMarkdown(st.reason),
    });
  }

  const kpisWithoutData: AgendaKpi[] = [];
  // In the contract file's order (goal by goal), which is the order the directors know.
  for (const goal of contract.goals) {
    for (const kpi of goal.kpis) {
      const st = kpiStatus(kpi, measurements, today);
      if (st.status !== 'ingen data') continue;
      kpisWithoutData.push({ label: `KPI ${escapeMarkdown(kpi.id)}`, text: escapeMarkdown(kpi.label), reason: escapeMarkdown(st.reason) });
    }
  }

  const horizon = addDays(today, AGENDA_DEADLINE_DAYS);
  const upcoming = input.deadlines.filter((d) => d.to >= today && d.from <= horizon);
  const kkr = upcoming.find((d) => d.kkrReport === true);
  const deadlines = upcoming
    .map((d) => ({ when: escapeMarkdown(deadlineWhen(d)), title: escapeMarkdown(`${d.title} (${d.responsible})`) }));

  return {
    title: escapeMarkdown(input.title),
    when: formatMeetingTime(input.meeting.start, input.meeting.end, input.timeZone),
    leadText: input.lead === undefined ? undefined : `Påmindelse: mødet er om ${describeLeadTime(input.lead)}.`,
    lateNote:
      input.lateSince === undefined
        ? undefined
        : `Forsinket: denne påmindelse skulle være sendt ${formatLocalDateTime(input.lateSince, input.timeZone)}.`,
    cancelled: input.meeting.cancelled,
    goalsAtRisk,
    kpisWithoutData,
    deadlines,
    reportDue: kkr === undefined ? undefined : kkr.contractYear !== undefined ? { year: String(kkr.contractYear) } : {},
    asOf: `pr. ${formatDate(today)}`,
    demo,
  };
}
