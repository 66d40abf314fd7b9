import type { ContractBook } from '../../goals/contract-book';
import type { MeasurementStore } from '../../core/ports/measurement-store';
import type { ExplanationStore } from '../../core/ports/explanation-store';
import type { Clock } from '../../core/time/clock';
import { localDate } from '../../core/time/zoned-time';
import { statusPoint, type StatusTime } from '../status/status-point';
import { buildReportModel, type ReportModel } from './report-model';
import { readReportRows } from './report-rows';
import { renderReportDocument } from './report-document';

export interface ReportDeps {
  book: ContractBook;
  measurements: Pick<MeasurementStore, 'listSeriesPage'>;
  explanations: Pick<ExplanationStore, 'latestExplanations'>;
  now: Clock;
  timeZone: string;
}

export type GeneratedReport = { ok: true; bytes: Buffer; fileName: string; model: ReportModel } | { ok: false; text: string };

/** "KKR-rapport-2021-status-2021-10-01.docx", "KKR-rapport-2021-endelig.docx": no spaces, no æøå, safe in any upload. */
export function reportFileName(model: Pick<ReportModel, 'final' | 'asOf'> & { year: number }): string {
  return model.final ? `KKR-rapport-${model.year}-endelig.docx` : `KKR-rapport-${model.year}-status-${model.asOf}.docx`;
}

/**
 * The KKR report for a status time ("pr. 1. oktober 2021", "2021", or today), chosen as every
 * status answer chooses it (statusPoint), as a .docx. The same function serves Teams and the CLI.
 */
export async function generateReport(deps: ReportDeps, request: { at?: StatusTime; generatedBy: string }): Promise<GeneratedReport> {
  const now = deps.now();
  const today = localDate(now, deps.timeZone);
  const point = statusPoint(deps.book, today, request.at);
  if (!point.ok) return point;
  const rows = await readReportRows(deps.measurements, point.contract, point.asOf);
  const explanations = await deps.explanations.latestExplanations(point.contract.id);
  const model = buildReportModel({
    contract: point.contract,
    asOf: point.asOf,
    rows,
    explanations,
    generatedBy: request.generatedBy,
    generatedAt: now.toISOString(),
    timeZone: deps.timeZone,
  });
  const bytes = await renderReportDocument(model);
  return { ok: true, bytes, model, fileName: reportFileName({ ...model, year: point.contract.year }) };
}
