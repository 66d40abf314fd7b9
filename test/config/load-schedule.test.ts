import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSchedule } from '../../config/load-schedule';
import { ScheduleFileError } from '../../config/schedule-file-error';
import { loadContract } from '../../goals/load-contract';
import { defaultContractPath, projectRoot } from '../../goals/default-contract';

const contract = loadContract(defaultContractPath());
const OWNER = '6f2b2c9e-2f60-4b7e-9d47-0a3f5c1e9b11';

describe('loadSchedule (the schedule file)', function () {
  let dir: string;
  before(function () {
    dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-schedule-'));
  });
  after(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  function write(name: string, text: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  }

  function problems(text: string): string[] {
    const file = write('bad.yaml', text);
    try {
      loadSchedule(file, contract, { defaultTimeZone: 'Europe/Copenhagen' });
    } catch (err) {
      assert.ok(err instanceof ScheduleFileError, String(err));
      assert.ok(err.message.startsWith(`Mødeplanen ${file} kan ikke bruges:`));
      return err.issues.map((i) => `${i.path}: ${i.message}`);
    }
    assert.fail('expected a ScheduleFileError');
  }

  it('loads the example file shipped in config/', function () {
    const s = loadSchedule(path.join(projectRoot(), 'config', 'schedule.example.yaml'), contract, { defaultTimeZone: 'UTC' });
    assert.equal(s.timeZone, 'Europe/Copenhagen');
    assert.deepEqual(
      { ...s.meeting, leadTimes: s.meeting?.leadTimes.map((l) => l.id) },
      { title: contract.meeting.title, anchorDate: '2026-01-08', time: '09:00', durationMinutes: 120, intervalDays: 14, skipDates: [], leadTimes: ['2d', '1h'] },
    );
    assert.deepEqual(s.deadlines, { time: '09:00', leadDays: [14, 3], extra: [] });
    assert.deepEqual(s.nudges, { weekday: 1, time: '09:00', startDaysBeforeDue: 0, owners: [] });
  });

  it('fills defaults for an almost empty file: no meeting, deadlines 14 and 3 days before at 09:00', function () {
    const s = loadSchedule(write('empty.yaml', '# nothing yet\n'), contract, { defaultTimeZone: 'Europe/Copenhagen' });
    assert.equal(s.meeting, undefined);
    assert.deepEqual(s.deadlines.leadDays, [14, 3]);
    assert.equal(s.timeZone, 'Europe/Copenhagen');
  });

  it('reads extra dates, owners (KPI ids as written or as numbers) and Danish weekday names', function () {
    const s = loadSchedule(
      write(
        'full.yaml',
        `meeting: { anchorDate: 2026-01-08, time: '10:30', durationMinutes: 90, leadTimes: [3d, 2h, 15m], skipDates: [2026-07-23] }
deadlines:
  leadDays: [7]
  time: '08:00'
  extra:
    - { id: intern-rapport, title: Intern statusrapport, from: 2026-05-15, responsible: Direktøren, goalIds: [4] }
nudges:
  weekday: Torsdag
  owners:
    - { kpi: 4a, userIds: ['${OWNER.toUpperCase()}'] }
`,
      ),
      contract,
      { defaultTimeZone: 'Europe/Copenhagen' },
    );
    assert.deepEqual(s.meeting?.leadTimes.map((l) => l.id), ['3d', '2h', '15m']);
    assert.deepEqual(s.deadlines.extra, [{ id: 'intern-rapport', title: 'Intern statusrapport', from: '2026-05-15', to: '2026-05-15', label: '15. maj 2026', goalIds: ['4'], responsible: 'Direktøren' }]);
    assert.equal(s.nudges.weekday, 4);
    assert.deepEqual(s.nudges.owners, [{ kpiId: '4a', userIds: [OWNER] }]);
  });

  it('reads JSON too', function () {
    const s = loadSchedule(write('s.json', JSON.stringify({ deadlines: { leadDays: [1] } })), contract, { defaultTimeZone: 'Europe/Copenhagen' });
    assert.deepEqual(s.deadlines.leadDays, [1]);
  });

  it('names the file and every wrong field', function () {
    assert.deepEqual(
      problems(`meeting:
  anchorDate: 2026-02-30
  time: '9:00'
  durationMinutes: 120
  leadTimes: [2d, 2 dage]
deadlines:
  leadDays: [-1]
nudges:
  weekday: fredagsbar
  owners:
    - { kpi: 99z, userIds: [ikke-et-id] }
colour: blue
`).sort(),
      [
        ': Ukendt nøgle: "colour"',
        'deadlines.leadDays[0]: må ikke være negativ',
        'meeting.anchorDate: er ikke en gyldig kalenderdato',
        'meeting.leadTimes[1]: "2 dage" er ikke en varsling; skriv fx "2d" (dage), "1h" (timer) eller "30m" (minutter)',
        'meeting.time: skal være et klokkeslæt som "09:00" (husk anførselstegn i YAML)',
        'nudges.owners[0].userIds[0]: skal være et Entra-objekt-id (GUID)',
        'nudges.weekday: "fredagsbar" er ikke en ugedag; skriv fx "mandag" (eller 1–7, mandag = 1)',
      ].sort(),
    );
  });

  it('checks KPI owners, goals, dates and lead times against the contract and each other', function () {
    assert.deepEqual(problems(`meeting: { anchorDate: 2026-01-08, time: '09:00', durationMinutes: 60, leadTimes: [1h, 1h] }
deadlines:
  leadDays: [3, 3]
  extra:
    - { id: kontrakt-i-kraft, title: X, from: 2026-01-01, responsible: Y, goalIds: [11] }
    - { id: eget, title: X, from: 2026-02-01, to: 2026-01-01, responsible: Y }
    - { id: eget, title: X, from: 2026-02-01, responsible: Y }
nudges:
  owners:
    - { kpi: 99z, userIds: ['${OWNER}'] }
    - { kpi: 4a, userIds: ['${OWNER}'] }
    - { kpi: 4A, userIds: ['${OWNER}'] }
`), [
      'deadlines.extra[0].id: "kontrakt-i-kraft" er allerede en frist i kontrakten; vælg et andet id',
      'deadlines.extra[0].goalIds[0]: mål "11" findes ikke i kontrakten',
      'deadlines.extra[1].to: slutdato ligger før startdato',
      'deadlines.extra[2].id: "eget" findes to gange',
      'nudges.owners[0].kpi: KPI "99z" findes ikke i kontrakten (fx "1a", "4a", "9c")',
      'nudges.owners[2].kpi: KPI "4a" står to gange; saml de ansvarlige under én',
      'meeting.leadTimes[1]: varslingen "1h" står to gange',
      'deadlines.leadDays: samme antal dage står to gange',
    ]);
  });

  it('says so when the file is missing or not YAML', function () {
    assert.throws(() => loadSchedule(path.join(dir, 'nope.yaml'), contract, { defaultTimeZone: 'UTC' }), /nope\.yaml kan ikke bruges:\n {2}\(hele filen\): filen findes ikke/);
    assert.match(problems('meeting: [unclosed\n')[0]!, /^linje \d+, kolonne \d+: YAML-syntaksfejl/);
  });
});
