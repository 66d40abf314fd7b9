import { DataFileError, type DataFileIssue } from './data-file';

/** One problem in a contract file: where (`goals[3].kpis[0].target`, empty for the whole file) and what. */
export type ContractFileIssue = DataFileIssue;

/**
 * A contract data file that cannot be used: missing, unreadable, not YAML/JSON, or not
 * matching the contract schema. The message names the file and has one line per issue, so
 * whoever edits the YAML can find the spot without reading a stack trace.
 */
export class ContractFileError extends DataFileError {
  readonly code = 'CONTRACT_FILE_INVALID';

  constructor(file: string, issues: readonly ContractFileIssue[]) {
    super(file, issues, `Kontraktfilen ${file} kan ikke bruges:`);
    this.name = 'ContractFileError';
  }
}
