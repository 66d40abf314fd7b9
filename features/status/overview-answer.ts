import { buildOverviewView } from './overview-view';
import { overviewCard } from './overview-card';
import type { ContractData } from '../../goals/contract-schema';
import type { Measurement } from '../../core/measurement';
import { cardReply, type Reply } from '../../core/reply';

/** "oversigt": one line per goal with its status, from the latest measurement per KPI and segment. */
export function overviewAnswer({ contract, measurements, today }: { contract: ContractData; measurements: readonly Measurement[]; today: string }): Reply {
  return cardReply(overviewCard(buildOverviewView(contract, measurements, today)), 'Oversigt over kontraktens mål');
}
