// The one CSV writer of the project (RFC 4180 quoting) with a formula guard:
// a text field whose first character is = + - @, a tab or a carriage return is
// prefixed with a single quote, so a spreadsheet shows it as text instead of
// running it as a formula (CSV injection). Item and location names come from any
// producer, so every CSV the project writes goes through here: the nightly
// report.csv, `top-items --csv` and the API's CSV answers.
// Numbers and bigints are written as they are (a negative count is a number, not
// a formula); only text is guarded.

export type CsvValue = string | number | bigint | boolean | null | undefined;

export interface CsvOptions {
  /** Line end; RFC 4180 says CRLF (the default). */
  readonly lineEnd?: '\r\n' | '\n';
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field, guarded and quoted where needed. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, without its line end. */
export function csvLine(fields: readonly CsvValue[]): string {
  return fields.map(csvField).join(',');
}

/** A whole document: the header row, then the rows, each ended by the line end. */
export function toCsv(columns: readonly string[], rows: readonly (readonly CsvValue[])[], options: CsvOptions = {}): string {
  const end = options.lineEnd ?? '\r\n';
  return [columns, ...rows].map(csvLine).join(end) + end;
}
