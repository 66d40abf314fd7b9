/** One problem in a contract file: where (`goals[3].kpis[0].target`, empty for the whole file) and what. */
export interface ContractFileIssue {
  path: string;
  message: string;
}

/**
 * A contract data file that cannot be used: missing, unreadable, not YAML/JSON, or not
 * matching the contract schema. The message names the file and has one line per issue, so
 * whoever edits the YAML can find the spot without reading a stack trace.
 */
export class ContractFileError extends Error {
  readonly code = 'CONTRACT_FILE_INVALID';

  constructor(
    readonly file: string,
    readonly issues: readonly ContractFileIssue[],
  ) {
    super(
      [`Kontraktfilen ${file} kan ikke bruges:`, ...issues.map((i) => `  ${i.path === '' ? '(hele filen)' : i.path}: ${i.message}`)].join(
        '\n',
      ),
    );
    this.name = 'ContractFileError';
  }
}
