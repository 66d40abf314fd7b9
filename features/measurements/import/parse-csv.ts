/** A CSV file that cannot be read as CSV at all (an unterminated quote, an empty file). */
export class CsvSyntaxError extends Error {
  readonly code = 'CSV_SYNTAX';
  constructor(
    readonly line: number,
    problem: string,
  ) {
    super(`Linje ${line}: ${problem}`);
    this.name = 'CsvSyntaxError';
  }
}

export interface CsvRecord {
  /** The file line the record starts on (1 = the header). */
  line: number;
  fields: string[];
}

export interface ParsedCsv {
  separator: ';' | ',';
  header: string[];
  records: CsvRecord[];
}

/** The separator the header line uses: Danish Excel writes ";" (the decimal comma is taken), others ",". */
function detectSeparator(text: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ';') semicolons++;
    else if (!quoted && c === ',') commas++;
  }
  return semicolons >= commas && semicolons > 0 ? ';' : ',';
}

/**
 * RFC 4180 CSV as spreadsheets write it: an optional UTF-8 BOM, ";" or "," separators, fields in
 * double quotes that may hold separators, line breaks and doubled quotes (""), CRLF or LF line ends.
 * Blank lines are skipped. Line numbers count physical lines, so a report can point into the file.
 */
export function parseCsv(input: string): ParsedCsv {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const separator = detectSeparator(text);
  const rows: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  let sawQuote = false;

  const endRecord = () => {
    fields.push(field);
    // A line of nothing but spaces is blank; "" (a quoted empty field) is a record.
    if (!(fields.length === 1 && fields[0]!.trim() === '' && !sawQuote)) rows.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldStarted = false;
    afterQuote = false;
    sawQuote = false;
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (field.trim() !== '' || afterQuote) throw new CsvSyntaxError(line, 'et anførselstegn midt i et felt – sæt hele feltet i anførselstegn og skriv "" for et anførselstegn');
      field = '';
      quoted = true;
      fieldStarted = true;
      sawQuote = true;
    } else if (c === separator) {
      fields.push(field);
      field = '';
      afterQuote = false;
      fieldStarted = true;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      if (afterQuote && c.trim() !== '') throw new CsvSyntaxError(line, 'tekst efter et afsluttende anførselstegn');
      if (!afterQuote) field += c;
      fieldStarted = true;
    }
  }
  if (quoted) throw new CsvSyntaxError(recordLine, 'et anførselstegn bliver aldrig lukket');
  if (field !== '' || fields.length > 0 || fieldStarted) endRecord();

  const [header, ...records] = rows;
  if (header === undefined) throw new CsvSyntaxError(1, 'filen er tom – første linje skal være kolonnenavnene');
  return { separator, header: header.fields.map((h) => h.trim()), records };
}
