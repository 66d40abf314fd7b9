import { buildOverviewView } from './overview-view';
import { overviewCard } from './overview-card';
import type { ContractData } from '../../goals/contract-schema';
import type { Measurement } from '../../core/measurement';
import { cardReply, type Reply } from '../../core/reply';
import type { Language } from '../../core/language';

/** "oversigt": one line per goal with its status, from the latest measurement per KPI and segment. */
export function overviewAnswer({ contract, measurements, today, language = 'da' }: { contract: ContractData; measurements: readonly Measurement[]; today: string; language?: Language }): Reply {
  return cardReply(overviewCard(buildOverviewView(contract, measurements, today, language)), language === 'en' ? "Overview of the contract's goals" : 'Oversigt over kontraktens mål');
}
