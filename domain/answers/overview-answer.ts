import { buildOverviewView } from '../../cards/overview-view';
import { overviewCard } from '../../cards/overview-card';
import { cardReply } from '../reply';
import type { IntentHandler } from './answer-context';

/** "oversigt": one line per goal with its status. */
export const answerOverview: IntentHandler<'overview'> = async (_intent, { contract, store, today }) => {
  const measurements = await store.latestMeasurements(contract.id);
  return cardReply(overviewCard(buildOverviewView(contract, measurements, today)), 'Oversigt over kontraktens mål');
};
