// CSV (RFC 4180) of tabular answers: a header row, CRLF line ends, fields
// quoted where they hold a comma, quote or line break. A field starting with
// = + - @ is prefixed with ' so spreadsheets do not run it as a formula.

export type CsvValue = string | number | bigint | boolean | null | undefined;

export function toCsv(columns: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [columns, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

function field(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
