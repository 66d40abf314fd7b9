/** One problem in the schedule file: where (`meeting.leadTimes[1]`, empty for the whole file) and what. */
export interface ScheduleFileIssue {
  path: string;
  message: string;
}

/**
 * A schedule file that cannot be used: missing, not YAML/JSON, not matching the schema, or naming
 * KPIs and goals the contract does not have. The message names the file and lists every problem
 * with its place, for the admin who edits it.
 */
export class ScheduleFileError extends Error {
  readonly code = 'SCHEDULE_FILE_INVALID';

  constructor(
    readonly file: string,
    readonly issues: readonly ScheduleFileIssue[],
  ) {
    super([`Mødeplanen ${file} kan ikke bruges:`, ...issues.map((i) => `  ${i.path === '' ? '(hele filen)' : i.path}: ${i.message}`)].join('\n'));
    this.name = 'ScheduleFileError';
  }
}
