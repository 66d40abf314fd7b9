import type { Reply } from '../reply';
import type { IntentHandler } from './answer-context';

/**
 * "næste møde": the contract states only the rhythm of the directors' meeting, not its dates.
 * Until a meeting schedule is configured, say exactly that rather than invent a date.
 */
export const answerNextMeeting: IntentHandler<'next-meeting'> = async (_intent, { contract }): Promise<Reply> => ({
  kind: 'text',
  text:
    `${contract.meeting.title}: ifølge kontrakten mødes direktørerne hver ${contract.meeting.intervalDays}. dag. ` +
    'Der er endnu ikke sat en mødeplan med datoer op i Målbot, så jeg kan ikke sige, hvornår det næste møde er.',
});
