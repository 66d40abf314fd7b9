import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildMeetingCardView } from '../../../features/reminders/meeting-card-view';
import { meetingCard } from '../../../features/reminders/meeting-card';
import { deadlineReminderCard } from '../../../features/reminders/deadline-reminder-card';
import { measurementNudgeCard } from '../../../features/reminders/measurement-nudge-card';
import { remindersCard } from '../../../features/reminders/reminders-card';
import { buildDeadlinesView, deadlinesCard } from '../../../features/reminders/deadlines-card';
import type { ScheduledDeadline } from '../../../core/schedule/schedule';
import { parseLeadTime } from '../../../core/schedule/lead-time';
import { scheduledDeadlines } from '../../../features/reminders/schedule/scheduled-deadlines';
import { loadContract } from '../../../goals/load-contract';
import { defaultContractPath, projectRoot } from '../../../goals/default-contract';
import { findKpi } from '../../../goals/contract-queries';
import { measurementFixture as m } from '../../fixtures/measurement-fixture';
import { assertSendableCard } from '../../helpers/adaptive-card-schema';
import { cardText } from '../../helpers/running-app';

/**
 * Golden file: test/fixtures/cards/meeting-reminder.json. After an intended layout change,
 * regenerate it with UPDATE_GOLDEN=1, read the diff, commit.
 */
const GOLDEN = path.join(projectRoot(), 'test', 'fixtures', 'cards', 'meeting-reminder.json');
const contract = loadContract(defaultContractPath());
const CPH = 'Europe/Copenhagen';

const meeting = { id: '2021-12-22', start: '2021-12-22T08:00:00.000Z', end: '2021-12-22T10:00:00.000Z', cancelled: false, source: 'rule' as const };
const extra: ScheduledDeadline = { id: 'intern', title: 'Intern statusrapport', from: '2022-01-05', to: '2022-01-05', label: '5. januar 2022', goalIds: ['4'], responsible: 'Direktøren', source: 'mødeplan' };

function agenda(overrides: Partial<Parameters<typeof buildMeetingCardView>[0]> = {}) {
  return buildMeetingCardView({
    contract,
    meeting,
    title: contract.meeting.title,
    timeZone: CPH,
    // On 20 December 2021: 1a below target after its deadline (autumn) → goal 1 "ikke opfyldt";
    // 4a below target before its deadline (31 December) → goal 4 "i risiko".
    measurements: [m({ id: 1, kpiId: '4a', value: 30, measuredOn: '2021-09-30' }), m({ id: 2, kpiId: '1a', value: 20, measuredOn: '2021-09-30' })],
    today: '2021-12-20',
    deadlines: [...scheduledDeadlines(contract, undefined), extra],
    lead: parseLeadTime('2d')!,
    ...overrides,
  });
}

describe('reminder cards', function () {
  it('meeting card: the agenda from the status rules, valid and as the golden file', function () {
    const card = meetingCard(agenda());
    assertSendableCard(card);
    const text = cardText(card);
    assert.match(text, /Påmindelse: mødet er om 2 dage\./);
    assert.match(text, /onsdag den 22\. december 2021 kl\. 09\.00–11\.00/);
    assert.match(text, /Mål 1: Virksomhedernes kendskab til erhvervshusene\nIkke opfyldt/);
    assert.match(text, /Mål 4: Erhvervshusenes knudepunktsfunktion\nI risiko/);
    // 6b has no row, but on 20 December Erhvervsstyrelsen's autumn report can still come (horizon
    // 31 December): it awaits a measurement and is not on the list of missing data (R8).
    assert.doesNotMatch(text, /KPI 6b/);
    // Deadlines within 30 days of 20 December: the Q4 window still running, 31 December, 5 January.
    assert.match(text, /Intern statusrapport \(Direktøren\)/);
    assert.match(text, /31\. december 2021/);
    assert.ok(!/2023/.test(text.split('Frister de næste 30 dage')[1]!), 'the 2023 deadline is more than 30 days away');
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, `${JSON.stringify(card, null, 2)}\n`);
    assert.ok(existsSync(GOLDEN), `${GOLDEN} mangler; lav den med UPDATE_GOLDEN=1 og gennemse den`);
    assert.deepEqual(card, JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });

  it('meeting card: lists KPIs whose status is "ingen data", and not those with data', function () {
    const view = agenda({ today: '2022-06-01' });
    const ids = view.kpisWithoutData.map((k) => k.label);
    assert.ok(ids.includes('KPI 6b'), ids.join());
    assert.ok(!ids.includes('KPI 4a') && !ids.includes('KPI 1a'));
  });

  it('meeting card: late note, cancelled meeting and empty sections', function () {
    const view = agenda({ measurements: [], today: '2021-01-05', deadlines: [], lateSince: new Date('2021-12-20T08:00:00Z'), meeting: { ...meeting, cancelled: true } });
    const card = meetingCard(view);
    assertSendableCard(card);
    const text = cardText(card);
    assert.match(text, /^Forsinket: denne påmindelse skulle være sendt mandag den 20\. december 2021 kl\. 09\.00\./);
    assert.match(text, /AFLYST/);
    assert.match(text, /Ingen mål er i risiko eller ikke opfyldt\./);
    assert.match(text, /Ingen frister de næste 30 dage\./);
  });

  it('meeting card: a hostile title is escaped and cannot inject template expressions', function () {
    const card = meetingCard(agenda({ title: 'Møde *vigtigt* ${evil} [link](http://x)' }));
    assertSendableCard(card);
    const text = cardText(card);
    assert.ok(text.includes('Møde \\*vigtigt\\*'), 'markdown emphasis is escaped');
    assert.ok(!text.includes('${') && !text.includes('[link]('), 'no template expression, no link that was not typed');
  });

  it('deadline reminder: lead in days, source, goals; valid', function () {
    for (const [leadDays, heading] of [
      [14, 'Frist om 14 dage: Intern statusrapport'],
      [1, 'Frist i morgen: Intern statusrapport'],
      [0, 'Frist i dag: Intern statusrapport'],
    ] as const) {
      const card = deadlineReminderCard({ deadline: extra, leadDays });
      assertSendableCard(card);
      const text = cardText(card);
      assert.match(text, new RegExp(heading));
      assert.match(text, /Mødeplanen \(tilføjet af en administrator\)/);
      assert.match(text, /Mål\n4/);
    }
    assert.match(cardText(deadlineReminderCard({ deadline: extra, leadDays: 3, lateText: 'skulle være sendt i går.' })), /^Forsinket: skulle være sendt i går\./);
  });

  it('measurement nudge: the KPI, its target and status, and a button that opens the form', function () {
    const kpi = findKpi(contract, '4a')!.kpi;
    const card = measurementNudgeCard({ kpi, goalId: '4', reason: 'Ingen måling registreret' });
    assertSendableCard(card);
    assert.match(cardText(card), /Måling mangler: KPI 4a/);
    assert.deepEqual(card.actions?.[0], { type: 'Action.Submit', title: 'Opdater mål 4', data: { msteams: { type: 'imBack', value: 'opdater mål 4' } } });
  });

  it('reminders card: subscribed or not, with the matching button', function () {
    for (const subscribed of [true, false]) {
      const card = remindersCard({ status: 'Denne kanal …', subscribed, schedule: [{ title: 'Frister', value: 'x' }], next: [{ title: 'lørdag', value: 'y' }], notice: undefined });
      assertSendableCard(card);
      assert.equal(card.actions?.[0]?.title, subscribed ? 'Afmeld påmindelser' : 'Abonnér på påmindelser');
    }
  });

  it('deadlines card: configured dates marked, a countdown for what is coming, running windows shown as such', function () {
    const view = buildDeadlinesView(contract.title, [...scheduledDeadlines(contract, undefined), extra], '2021-11-28');
    const card = deadlinesCard(view);
    assertSendableCard(card);
    const text = cardText(card);
    assert.match(text, /Intern statusrapport \(Direktøren; mål 4\) – om 38 dage, fra mødeplanen/);
    assert.match(text, /corona-krisen \(Erhvervsstyrelsen; mål 5\) – i gang, til 31\. december 2021/);
  });
});
