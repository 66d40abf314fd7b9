import { buildOverviewView } from '../../cards/overview-view';
import { overviewCard } from '../../cards/overview-card';
import { cardReply } from '../../core/reply';
import type { IntentHandler } from './answer-context';
import { ReplyCache } from './reply-cache';

/** "oversigt": one line per goal with its status. */
export const answerOverview: IntentHandler<'overview'> = async (_intent, { contract, store, today, cache }) => {
  const measurements = await store.latestMeasurements(contract.id);
  return cache.getOrCreate(ReplyCache.key(['overview', contract.id, today], measurements), () =>
    cardReply(overviewCard(buildOverviewView(contract, measurements, today)), 'Oversigt over kontraktens mål'),
  );
};
