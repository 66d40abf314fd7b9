import { z } from 'zod';
import { CARD_VERBS } from '../../core/card-verbs';
import { cardVerbHandler } from '../../core/ports/card-action';
import type { FileRequests } from './file-requests';

const reportData = z.looseObject({
  year: z.string().regex(/^\d{4}$/).optional(),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});

/** The report feature's card verbs. Without a report store (`files` undefined) the button says so. */
export function reportCardActions(files: FileRequests | undefined) {
  return {
    /** { year? | asOf? } ("Lav rapport" on a deadline reminder or the meeting card): the file as "afrapportering" sends it. */
    [CARD_VERBS.makeReport]: cardVerbHandler(reportData, async (data, request) => {
      if (files === undefined) return { kind: 'text', text: 'Rapporter er ikke slået til i denne installation af Målbot.' } as const;
      const at = data.year !== undefined ? { year: Number(data.year) } : data.asOf !== undefined ? { asOf: data.asOf } : undefined;
      return files.request({ kind: 'report', at }, request.turn);
    }),
  };
}
