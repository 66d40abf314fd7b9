import assert from 'node:assert/strict';
import { parseQuestion } from '../../../features/ask/parse-question';
import { loadContract } from '../../../goals/load-contract';
import { defaultContractPath } from '../../../goals/default-contract';

const contract = loadContract(defaultContractPath());

/** Phrasings of the KKR report and the export, and nearby questions that are not requests for a file. */
const CASES: ReadonlyArray<readonly [string, string, Record<string, unknown>?]> = [
  ['afrapportering', 'report'],
  ['Afrapportering 2021', 'report', { year: 2021 }],
  ['rapport til KKR', 'report'],
  ['<at>Målbot</at> rapport til KKR pr. 1. oktober 2021', 'report', { asOf: '2021-10-01' }],
  ['lav statusrapport', 'report'],
  ['lav statusrapport 2021', 'report', { year: 2021 }],
  ['lav statusrapport pr. 1. oktober 2021', 'report', { asOf: '2021-10-01' }],
  ['kan du lave rapporten til KKR?', 'report'],
  ['eksporter målinger', 'export-measurements'],
  ['eksport af målingerne til Excel', 'export-measurements'],
  ['export measurements', 'export-measurements'],
  // Not a file: a topic (Mål 9a), a deadline list, a fact about reporting.
  ['eksport', 'goal-status'],
  ['hvilke afrapporteringsfrister har vi?', 'deadlines'],
  ['hvem rapporterer vi til, og hvor ofte?', 'contract-fact'],
];

describe('parseQuestion: the KKR report and the export', function () {
  for (const [text, kind, at] of CASES) {
    it(`"${text}" → ${kind}${at ? ` ${JSON.stringify(at)}` : ''}`, function () {
      const intent = parseQuestion(text, contract);
      assert.equal(intent.kind, kind);
      if (intent.kind === 'report') assert.deepEqual(intent.at, at);
    });
  }
});
