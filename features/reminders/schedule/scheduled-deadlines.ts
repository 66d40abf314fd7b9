import type { ContractData } from '../../../goals/contract-schema';
import type { Schedule, ScheduledDeadline } from '../../../core/schedule/schedule';

/** The contract's deadlines and the schedule file's extra dates, soonest first. */
export function scheduledDeadlines(contract: ContractData, schedule: Schedule | undefined): ScheduledDeadline[] {
  const all: ScheduledDeadline[] = [
    ...contract.deadlines.map((d) => ({ ...d, source: 'kontrakt' as const, contractYear: contract.year })),
    ...(schedule?.deadlines.extra ?? []).map((d) => ({ ...d, source: 'mødeplan' as const })),
  ];
  return all.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.id.localeCompare(b.id));
}
