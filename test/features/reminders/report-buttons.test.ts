import assert from 'node:assert/strict';
import { buildMeetingCardView } from '../../../features/reminders/meeting-card-view';
import { meetingCard } from '../../../features/reminders/meeting-card';
import { deadlineReminderCard } from '../../../features/reminders/deadline-reminder-card';
import { scheduledDeadlines } from '../../../features/reminders/schedule/scheduled-deadlines';
import { loadContract } from '../../../goals/load-contract';
import { defaultContractPath } from '../../../goals/default-contract';
import { CARD_VERBS } from '../../../core/card-verbs';
import { assertSendableCard } from '../../helpers/adaptive-card-schema';

const contract = loadContract(defaultContractPath());
const deadlines = scheduledDeadlines(contract, undefined);
const meeting = { id: 'm', start: '2021-12-22T08:00:00.000Z', end: '2021-12-22T10:00:00.000Z', cancelled: false, source: 'rule' as const };

function reportButtons(card: { actions?: Array<{ title?: string; verb?: string; data?: unknown }> }) {
  return (card.actions ?? []).filter((a) => a.verb === CARD_VERBS.makeReport);
}

describe('"Lav rapport" on the reminders that concern a KKR report', function () {
  it('the contract marks exactly the final report to KKR Syddanmark as a KKR report', function () {
    assert.deepEqual(
      contract.deadlines.filter((d) => d.kkrReport === true).map((d) => [d.id, d.title, d.responsible]),
      [['endelig-afrapportering-kkr-2021', 'Endelig resultatopfyldelse afrapporteres til KKR Syddanmark', 'Direktøren for Erhvervshus Sydjylland']],
    );
  });

  it('the final report\'s deadline reminder carries "Lav rapport" for the 2021 contract year; other deadlines do not', function () {
    for (const d of deadlines) {
      const card = deadlineReminderCard({ deadline: d, leadDays: 7 });
      assertSendableCard(card);
      const buttons = reportButtons(card);
      if (d.kkrReport === true) assert.deepEqual(buttons.map((b) => [b.title, b.data]), [['Lav rapport', { year: '2021' }]]);
      else assert.equal(buttons.length, 0, d.id);
    }
  });

  it('the meeting card has "Lav rapport" when the KKR report is due within its 30 days, and not otherwise', function () {
    const view = (today: string) => buildMeetingCardView({ contract, meeting, title: contract.meeting.title, timeZone: 'Europe/Copenhagen', measurements: [], today, deadlines });
    const due = meetingCard(view('2021-12-20'));
    assertSendableCard(due);
    assert.deepEqual(reportButtons(due).map((b) => [b.title, b.data]), [['Lav rapport', { year: '2021' }]]);
    assert.equal(reportButtons(meetingCard(view('2021-10-01'))).length, 0);
    assert.equal(reportButtons(meetingCard(view('2022-01-02'))).length, 0);
  });
});
