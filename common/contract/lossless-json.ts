// JSON.parse, except that integer literals JavaScript cannot hold exactly
// (magnitude above Number.MAX_SAFE_INTEGER) arrive as their decimal strings
// instead of rounded numbers; int64.ts then turns those strings into bigints.
//
// Built for the speed layer (~30k events/s): one pass over the text tracks
// whether it is inside a string, and only when an unsafe integer literal is
// found outside strings is the text rewritten (quotes added) and parsed again.
// Our producers write int64 as strings, so the usual case is the fast path:
// one scan plus one JSON.parse.

const QUOTE = 34; // "
const BACKSLASH = 92; // \
const MINUS = 45; // -
const DOT = 46; // .
const COLON = 58; // :
const CHAR_0 = 48;
const CHAR_9 = 57;
const LOWER_E = 101;
const UPPER_E = 69;
const PLUS = 43;

/** Number.MAX_SAFE_INTEGER has 16 digits; shorter integers are always safe. */
const MAX_SAFE_DIGITS = String(Number.MAX_SAFE_INTEGER);

/** Parses `text` as JSON (throws SyntaxError like JSON.parse), keeping unsafe integers exact as strings. */
export function parseLosslessJson(text: string): unknown {
  const spans = findUnsafeIntegers(text);
  return spans === undefined ? JSON.parse(text) : JSON.parse(quoteSpans(text, spans));
}

/**
 * Start/end index pairs of the integer literals outside strings whose magnitude
 * exceeds MAX_SAFE_INTEGER, or undefined when there are none. Exported for tests.
 */
export function findUnsafeIntegers(text: string): number[] | undefined {
  let spans: number[] | undefined;
  const length = text.length;
  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = skipString(text, i + 1);
      continue;
    }
    if (c !== MINUS && (c < CHAR_0 || c > CHAR_9)) {
      i++;
      continue;
    }
    // A number token: '-'? digits ( '.' digits )? ( [eE] [+-]? digits )?
    const start = i;
    if (c === MINUS) i++;
    const digitsStart = i;
    while (i < length && isDigit(text.charCodeAt(i))) i++;
    const digitsEnd = i;
    let integer = true;
    while (i < length && isNumberTail(text.charCodeAt(i))) {
      integer = false;
      i++;
    }
    if (integer && isUnsafe(text, digitsStart, digitsEnd) && !isObjectKey(text, i)) {
      (spans ??= []).push(start, digitsEnd);
    }
  }
  return spans;
}

/** Index just past the closing quote of a string whose body starts at `i` (or the text length). */
function skipString(text: string, i: number): number {
  const length = text.length;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i + 1;
    i += c === BACKSLASH ? 2 : 1;
  }
  return length;
}

function isUnsafe(text: string, start: number, end: number): boolean {
  const digits = end - start;
  if (digits < MAX_SAFE_DIGITS.length) return false;
  // A leading zero with more digits is invalid JSON: leave it for JSON.parse to reject.
  if (text.charCodeAt(start) === CHAR_0) return false;
  if (digits > MAX_SAFE_DIGITS.length) return true;
  return text.slice(start, end) > MAX_SAFE_DIGITS; // same length: lexical order is numeric order
}

/** Quoting a bare number in key position would turn invalid JSON into valid JSON; don't. */
function isObjectKey(text: string, i: number): boolean {
  const length = text.length;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return c === COLON;
    i++;
  }
  return false;
}

function quoteSpans(text: string, spans: number[]): string {
  let out = '';
  let last = 0;
  for (let k = 0; k < spans.length; k += 2) {
    const start = spans[k] as number;
    const end = spans[k + 1] as number;
    out += `${text.slice(last, start)}"${text.slice(start, end)}"`;
    last = end;
  }
  return out + text.slice(last);
}

function isDigit(c: number): boolean {
  return c >= CHAR_0 && c <= CHAR_9;
}

function isNumberTail(c: number): boolean {
  return isDigit(c) || c === DOT || c === LOWER_E || c === UPPER_E || c === PLUS || c === MINUS;
}
