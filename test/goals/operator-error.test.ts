import assert from 'node:assert/strict';
import { OperatorError } from '../../goals/operator-error';
import { ContractFileError } from '../../goals/contract-file-error';
import { ConfigError } from '../../config/read-config';
import { ScheduleFileError } from '../../config/schedule-file-error';
import { DatabaseUrlError } from '../../store/database-url';

describe('OperatorError', () => {
  const issue = { path: 'goals[0].id', message: 'feltet mangler' };
  const cases: Array<[OperatorError, string, string]> = [
    [new ConfigError(['PORT: skal være et tal']), 'CONFIG_INVALID', 'Målbot kan ikke starte: konfigurationen er ugyldig.\n  - PORT: skal være et tal'],
    [new ContractFileError('kontrakt.yaml', [issue]), 'CONTRACT_FILE_INVALID', 'Kontraktfilen kontrakt.yaml kan ikke bruges:\n  goals[0].id: feltet mangler'],
    [new ScheduleFileError('plan.yaml', [{ path: '', message: 'filen findes ikke' }]), 'SCHEDULE_FILE_INVALID', 'Mødeplanen plan.yaml kan ikke bruges:\n  (hele filen): filen findes ikke'],
  ];
  for (const [err, code, message] of cases) {
    it(`${err.name} is an OperatorError with code ${code} and its own message`, () => {
      assert.ok(err instanceof OperatorError);
      assert.ok(err instanceof Error);
      assert.equal(err.code, code);
      assert.equal(err.message, message);
    });
  }
  it('DatabaseUrlError is an OperatorError with code DATABASE_URL_INVALID', () => {
    const err = new DatabaseUrlError('has an unknown scheme');
    assert.ok(err instanceof OperatorError);
    assert.equal(err.code, 'DATABASE_URL_INVALID');
    assert.ok(err.message.startsWith('DATABASE_URL has an unknown scheme. Accepted forms:'));
  });
});
