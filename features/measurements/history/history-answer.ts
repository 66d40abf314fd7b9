import type { ContractData } from '../../../goals/contract-schema';
import type { MeasurementStore } from '../../../core/ports/measurement-store';
import type { Reply } from '../../../core/reply';
import { historyReply } from './history-reply';
import type { CardViewer } from '../../../core/card-viewer';
import type { Language } from '../../../core/language';

/** "historik mål 3": latest measurements per KPI with who/when/source, and a trend chart. */
export function historyAnswer(goalId: string, deps: { contract: ContractData; store: MeasurementStore; today: string; timeZone: string; viewer?: CardViewer; language?: Language }): Promise<Reply> {
  return historyReply(deps.contract, deps.store, goalId, deps.today, deps.timeZone, deps.viewer, deps.language);
}
