import { loadContract } from '../../goals/load-contract';
import { defaultContractPath } from '../../goals/default-contract';
import { findGoal, findKpi, kpisOfGoal } from '../../goals/contract-queries';
import type { Kpi } from '../../goals/contract-schema';
import type { Measurement } from '../../core/measurement';
import { kpiStatus } from '../../core/status-rules';
import { formKindOf, formKindsOf } from '../../core/form-kind';
import { parseLeadTime } from '../../core/schedule/lead-time';
import type { CardViewer } from '../../core/card-viewer';
import { helpCard } from '../../features/ask/help-card';
import { notUnderstoodCard } from '../../features/ask/not-understood-card';
import { welcomeCard } from '../../features/ask/welcome-card';
import { buildOverviewView } from '../../features/status/overview-view';
import { overviewCard } from '../../features/status/overview-card';
import { goalStatusAnswer } from '../../features/status/goal-status-answer';
import { explanationFormCard, explanationSavedCard } from '../../features/report/explanation/explanation-form-card';
import { historyCard } from '../../features/measurements/history/history-card';
import { measurementFormCard } from '../../features/measurements/form/measurement-form-card';
import { measurementConfirmationCard } from '../../features/measurements/form/measurement-confirmation-card';
import { formKindChoiceCard } from '../../features/measurements/form/form-kind-choice-card';
import { formCancelledCard } from '../../features/measurements/form/form-cancelled-card';
import { buildMeetingCardView } from '../../features/reminders/meeting-card-view';
import { meetingCard } from '../../features/reminders/meeting-card';
import { buildDeadlinesView, deadlinesCard } from '../../features/reminders/deadlines-card';
import { deadlineReminderCard } from '../../features/reminders/deadline-reminder-card';
import { measurementNudgeCard } from '../../features/reminders/measurement-nudge-card';
import { remindersCard } from '../../features/reminders/reminders-card';
import { scheduledDeadlines } from '../../features/reminders/schedule/scheduled-deadlines';
import { measurementFixture } from '../fixtures/measurement-fixture';
import { severalGoalsCard } from '../../features/status/several-goals-card';
import { goalFactCard, type GoalFactKind } from '../../features/status/goal-fact-answer';
import { contractFactCard, type ContractFactKind } from '../../features/status/contract-fact-answer';
import { contractCard } from '../../features/status/contract-card';
import { contractBook } from '../../goals/contract-book';
import { goalListAnswer } from '../../features/ask/goal-list-answer';
import { choiceCard } from '../../features/ask/choice-card';
import { smallTalkCard } from '../../features/ask/small-talk-card';
import type { GoalFilter } from '../../features/ask/question-facts';

/**
 * Every kind of card the bot can send, built by the real card functions from the real contract
 * and realistic rows — dates that start a line ("1. december 2026"), several readings on one day,
 * a correction, typed text with markdown in it — for the checks that hold for all cards
 * (test/cards/every-card.test.ts) and the browser rendering (test/visual/).
 */
export interface NamedCard {
  /** File-safe name: "status-1-staff", "history-3". */
  name: string;
  card: Record<string, unknown>;
  /** Main cards have a height budget in the visual suite. */
  main?: boolean;
}

const TODAY = '2021-10-15';
const TZ = 'Europe/Copenhagen';
const contract = loadContract(defaultContractPath());
const TYPED = 'Se [rapporten](https://example.org) – *foreløbig* tal; - punkt\n1. december 2026 # ikke en overskrift';

let id = 1;
function row(kpiId: string, o: Partial<Measurement> = {}): Measurement {
  return measurementFixture({ id: id++, kpiId, contractId: contract.id, recordedBy: 'anna', recordedByName: 'Anna Andersen', ...o });
}

/** Readings for most KPIs: numbers near their targets, several dates, two on one day, a correction. */
function sampleRows(): Measurement[] {
  const rows: Measurement[] = [];
  for (const goal of contract.goals) {
    for (const kpi of goal.kpis) {
      const segments = kpi.segments.length > 0 ? kpi.segments : [null];
      for (const segment of segments) {
        if (kpi.kind === 'milestone') {
          rows.push(row(kpi.id, { segment, done: kpi.id.endsWith('b'), measuredOn: '2021-03-15', period: '2021', evidence: 'Referat fra direktørmødet 15. marts 2021', source: 'Erhvervshusets egen dokumentation' }));
          continue;
        }
        const target = kpi.target ?? 50;
        const base = kpi.kind === 'pp_change' ? (kpi.baselines.find((b) => b.primary)?.value ?? 60) + target : target;
        const offset = segment === 'vækst' ? -3.2 : 0;
        const values = [base - 6.4, base - 2.1, base + 1.3, base - 0.7].map((v) => v + offset);
        const dates = ['2021-03-31', '2021-06-30', '2021-09-30', '2021-09-30'];
        values.forEach((v, i) => rows.push(row(kpi.id, { segment, value: Math.round(v * 10) / 10, measuredOn: dates[i]!, period: `kvartal ${i + 1} 2021` })));
      }
    }
  }
  const first = rows.find((r) => r.kpiId === '1a')!;
  rows.push(row('1a', { value: (first.value ?? 0) + 1, measuredOn: first.measuredOn, supersedesId: first.id, note: TYPED }));
  return rows;
}

const STAFF: CardViewer = { mayRecord: true, mayChangeSubscription: true, shared: false, refreshUserIds: [] };
const CHANNEL: CardViewer = { mayRecord: false, mayChangeSubscription: false, shared: true, refreshUserIds: ['29:staff-anna'] };

export function everyCard(): NamedCard[] {
  id = 1;
  const rows = sampleRows();
  const latest = rows; // status reads the latest per series itself (R2)
  const out: NamedCard[] = [];
  const add = (name: string, card: unknown, main = false) => out.push({ name, card: card as Record<string, unknown>, main });

  add('help', helpCard('da'), true);
  // The legend as it looks once "Sådan læses status" is pressed (the visual suite checks its rows line up).
  add('help-legend-shown', JSON.parse(JSON.stringify(helpCard('da')).replace('"isVisible":false', '"isVisible":true')));
  add('help-en', helpCard('en'));
  add('not-understood', notUnderstoodCard({ reason: 'unclear', text: TYPED }));
  add('unknown-goal', notUnderstoodCard({ reason: 'unknown-goal', goalId: '42', knownGoalIds: contract.goals.map((g) => g.id) }));
  add('not-understood-en', notUnderstoodCard({ reason: 'unclear', text: TYPED, language: 'en' }));
  add('unknown-goal-en', notUnderstoodCard({ reason: 'unknown-goal', goalId: '42', knownGoalIds: contract.goals.map((g) => g.id), language: 'en' }));
  add('welcome', welcomeCard(), true);
  add('overview', overviewCard(buildOverviewView(contract, latest, TODAY)), true);
  for (const goal of contract.goals) {
    const viewer = goal.id === '1' || goal.id === '9' ? STAFF : undefined;
    const reply = goalStatusAnswer(goal.id, { contract, measurements: latest, today: TODAY, viewer });
    if (reply?.kind === 'card') add(`status-${goal.id}`, reply.card, true);
  }
  // The KKR report's explanation on the status card (staff: with "Ret forklaring"), its form and its confirmation.
  const explanation = { text: `Forsinket brugerevaluering. ${TYPED}`, byline: 'Skrevet af Anna Andersen 10. januar 2022 kl. 10.30 · 1 tidligere version gemt' };
  const explained = goalStatusAnswer('3', { contract, measurements: latest, today: TODAY, viewer: STAFF, explanation, explanationsOn: true });
  if (explained?.kind === 'card') add('status-3-explained', explained.card);
  const current = { id: 2, contractId: contract.id, goalId: '3', text: explanation.text, recordedAt: '2022-01-10T09:30:00Z', recordedBy: 'aad-anna', recordedByName: 'Anna Andersen', submissionId: 'x', versions: 2 };
  add('explanation-form', explanationFormCard({ goal: findGoal(contract, '3')!, contractId: contract.id, contractYear: contract.year, verdict: 'ikke opfyldt – 0 af 2 målepunkter opfyldt', current, submissionId: 'sub', timeZone: TZ, typed: TYPED, error: 'Forklaringen er for kort – skriv mindst 10 tegn, så KKR kan forstå den.' }));
  add('explanation-saved', explanationSavedCard(findGoal(contract, '3')!, current, TZ));
  const shared = goalStatusAnswer('4', { contract, measurements: latest, today: TODAY, viewer: CHANNEL });
  if (shared?.kind === 'card') add('status-4-channel', shared.card);
  // An English question's cards (issue 11): the same cards in English, staff and channel views included.
  add('overview-en', overviewCard(buildOverviewView(contract, latest, TODAY, 'en')), true);
  for (const [goalId, viewer] of [['1', STAFF], ['3', undefined], ['4', CHANNEL], ['5', undefined], ['6', undefined], ['7', undefined], ['9', STAFF]] as const) {
    const reply = goalStatusAnswer(goalId, { contract, measurements: latest, today: TODAY, viewer, language: 'en' });
    if (reply?.kind === 'card') add(`status-${goalId}-en`, reply.card, true);
  }
  const explainedEn = goalStatusAnswer('3', { contract, measurements: latest, today: TODAY, viewer: STAFF, explanation, explanationsOn: true, language: 'en' });
  if (explainedEn?.kind === 'card') add('status-3-explained-en', explainedEn.card);
  for (const goalId of ['1', '3', '4', '9']) {
    const kpis = kpisOfGoal(contract, goalId);
    add(`history-${goalId}`, historyCard({ goal: findGoal(contract, goalId)!, kpis, rows: rows.filter((r) => kpis.some((k) => k.id === r.kpiId)), today: TODAY, timeZone: TZ, mayRecord: goalId !== '3' }), true);
  }
  // The history card an English status card's "History" opens (staff on 1: the English record/correct buttons).
  for (const goalId of ['1', '3', '9']) {
    const kpis = kpisOfGoal(contract, goalId);
    add(`history-${goalId}-en`, historyCard({ goal: findGoal(contract, goalId)!, kpis, rows: rows.filter((r) => kpis.some((k) => k.id === r.kpiId)), today: TODAY, timeZone: TZ, mayRecord: goalId === '1', language: 'en' }));
  }
  for (const goalId of ['2', '3', '4', '5', '6', '9']) {
    const goal = findGoal(contract, goalId)!;
    const kpis = kpisOfGoal(contract, goalId);
    for (const kind of formKindsOf(kpis)) {
      add(`form-${goalId}-${kind}`, measurementFormCard({ goal, kpis: kpis.filter((k) => formKindOf(k) === kind), submissionId: 'sub', today: TODAY, values: {}, errors: {}, kind, origin: { view: 'status' } }), true);
    }
  }
  const goal4 = findGoal(contract, '4')!;
  add(
    'form-4-errors',
    measurementFormCard({
      goal: goal4,
      kpis: kpisOfGoal(contract, '4'),
      submissionId: 'sub',
      today: TODAY,
      values: { value: '145', period: '', source: 'andet', sourceOther: '' },
      errors: { value: 'Værdien skal være mellem 0 og 100 %.', period: 'Skriv hvilken periode målingen dækker, fx «efterår 2021».', sourceOther: 'Skriv hvilken kilde, når du vælger «Andet».' },
    }),
  );
  const corrected = rows.find((r) => r.kpiId === '4a')!;
  add('form-4-correction', measurementFormCard({ goal: goal4, kpis: [findKpi(contract, '4a')!.kpi], submissionId: 'sub', today: TODAY, values: { value: '44' }, errors: {}, correcting: corrected, origin: { view: 'history' } }));
  add('form-kind-choice-9', formKindChoiceCard(findGoal(contract, '9')!, ['number', 'milestone'], { view: 'none' }));
  add('form-cancelled', formCancelledCard(goal4));
  const confirmed = row('4a', { value: 47, measuredOn: '2026-12-01', period: 'december 2026', note: TYPED, previousId: corrected.id, previousValue: 44, previousDone: null });
  const kpi4a: Kpi = findKpi(contract, '4a')!.kpi;
  add('confirmation', measurementConfirmationCard({ goal: goal4, kpi: kpi4a, measurement: confirmed, status: kpiStatus(kpi4a, [confirmed], TODAY), timeZone: TZ }), true);
  const meeting = { id: '2021-12-22', start: '2021-12-22T08:00:00.000Z', end: '2021-12-22T10:00:00.000Z', cancelled: false, source: 'rule' as const };
  const deadlines = scheduledDeadlines(contract, undefined);
  add('meeting', meetingCard(buildMeetingCardView({ contract, meeting, title: contract.meeting.title, timeZone: TZ, measurements: latest, today: '2021-12-20', deadlines, lead: parseLeadTime('2d')! })), true);
  add('deadlines', deadlinesCard(buildDeadlinesView(contract.title, deadlines, TODAY)), true);
  add('deadlines-en', deadlinesCard(buildDeadlinesView(contract.title, deadlines, TODAY, 2), 'en'));
  add('deadline-reminder', deadlineReminderCard({ deadline: deadlines[0]!, leadDays: 14 }));
  add('nudge', measurementNudgeCard({ kpi: kpi4a, goalId: '4', reason: 'Ingen måling registreret; målet skulle være opfyldt i 2021' }));
  add(
    'reminders',
    remindersCard({
      status: 'Denne kanal abonnerer på påmindelser (siden 3. marts 2026).',
      subscribed: true,
      mayChange: true,
      schedule: [{ title: 'Direktørmødet', value: 'hver 14. dag kl. 09.00; påmindelse 2 dage og 1 time før' }],
      next: [{ title: 'tirsdag den 10. marts 2026 kl. 09.00', value: 'Direktørmødet torsdag den 12. marts 2026 kl. 09.00 (2 dage før)' }],
      notice: undefined,
    }),
  );
  // Issue 11: the director's questions.
  const ids = contract.goals.map((g) => g.id);
  add('several-3-4', severalGoalsCard(contract, ['3', '4'], ['11'], latest, TODAY, 'målene er 1–10, 9a–9d'));
  add('several-all', severalGoalsCard(contract, ids, [], latest, TODAY, 'målene er 1–10, 9a–9d'));
  add('several-3-4-en', severalGoalsCard(contract, ['3', '4'], ['11'], latest, TODAY, 'the goals are 1–10, 9a–9d', 'en'));
  add('several-all-en', severalGoalsCard(contract, ids, [], latest, TODAY, 'the goals are 1–10, 9a–9d', 'en'));
  const facts: GoalFactKind[] = ['target', 'baseline', 'period', 'method', 'measured-by', 'segments', 'reporting', 'latest', 'purpose'];
  for (const goalId of ['3', '6', '9']) for (const fact of facts) add(`fact-${goalId}-${fact}`, goalFactCard({ contract, goalId, fact, measurements: latest, today: TODAY })!);
  add('fact-3b-target-en', goalFactCard({ contract, goalId: '3', kpiId: '3b', fact: 'target', measurements: latest, today: TODAY, language: 'en' })!);
  const contractFacts: ContractFactKind[] = ['period', 'signed', 'responsible', 'extension', 'parties', 'municipalities', 'meeting', 'reporting'];
  for (const fact of contractFacts) add(`contract-${fact}`, contractFactCard(contract, fact));
  add('contract-card', contractCard(contract, contractBook([contract]), TODAY));
  add('contract-card-en', contractCard(contract, contractBook([contract]), TODAY, 'en'));
  const filters: Array<[string, GoalFilter]> = [
    ['risk', { by: 'status', statuses: ['i risiko'] }],
    ['no-data', { by: 'status', statuses: ['ingen data', 'afventer måling'] }],
    ['met', { by: 'status', statuses: ['opfyldt'] }],
    ['ens', { by: 'measured-by', who: ['erhvervsstyrelsen-survey', 'brugerevaluering', 'kl-erhvervsstyrelsen'], name: 'Erhvervsstyrelsen' }],
    ['local', { by: 'scope', scope: 'local' }],
    ['christmas', { by: 'deadline', range: 'before-christmas' }],
  ];
  for (const [name, filter] of filters) {
    const reply = goalListAnswer(filter, { contract, measurements: latest, today: TODAY });
    if (reply.kind === 'card') add(`list-${name}`, reply.card);
  }
  const englishFilters: Array<[string, GoalFilter]> = [
    ...filters,
    ['reported', { by: 'reported-by', from: 'Erhvervsstyrelsen' }],
    ['quarter', { by: 'deadline', range: 'next-quarter' }],
  ];
  for (const [name, filter] of englishFilters) {
    const reply = goalListAnswer(filter, { contract, measurements: [], today: TODAY, language: 'en' });
    if (reply.kind === 'card') add(`list-${name}-en`, reply.card);
  }
  add('choice-1-6', choiceCard(contract, ['1', '6']));
  add('choice-1-6-baseline', choiceCard(contract, ['1', '6'], 'da', 'baseline'));
  add('choice-1-6-en', choiceCard(contract, ['1', '6'], 'en'));
  add('small-talk', smallTalkCard('da'));
  add('small-talk-en', smallTalkCard('en'));
  return out;
}
