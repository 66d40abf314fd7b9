import { DataFileError, type DataFileIssue } from '../goals/data-file';

/** One problem in the schedule file: where (`meeting.leadTimes[1]`, empty for the whole file) and what. */
export type ScheduleFileIssue = DataFileIssue;

/**
 * A schedule file that cannot be used: missing, not YAML/JSON, not matching the schema, or naming
 * KPIs and goals the contract does not have. The message names the file and lists every problem
 * with its place, for the admin who edits it.
 */
export class ScheduleFileError extends DataFileError {
  readonly code = 'SCHEDULE_FILE_INVALID';

  constructor(file: string, issues: readonly ScheduleFileIssue[]) {
    super(file, issues, `Mødeplanen ${file} kan ikke bruges:`);
    this.name = 'ScheduleFileError';
  }
}
