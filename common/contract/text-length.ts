// Text limits of the contract count Unicode code points ("characters" as a
// person, Spark's length() and Python's len() count them), not UTF-16 units
// (JavaScript's .length) nor UTF-8 bytes. An emoji is 1 code point, 2 UTF-16
// units and 4 UTF-8 bytes.

/**
 * The number of code points in `text`, or -1 when it holds a lone surrogate
 * (such a string has no UTF-8 form: writing it would silently turn it into U+FFFD).
 */
export function codePointLength(text: string): number {
  const length = text.length;
  let count = 0;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      if (c > 0xdbff) return -1; // low surrogate without a high one before it
      const next = i + 1 < length ? text.charCodeAt(i + 1) : 0;
      if (next < 0xdc00 || next > 0xdfff) return -1; // high surrogate not followed by a low one
      i++;
    }
    count++;
  }
  return count;
}

export type TextCheck = 'ok' | 'empty' | 'too_long' | 'ill_formed';

/** Checks 1..max code points and well-formedness in one pass. */
export function checkText(text: string, max: number): TextCheck {
  if (text.length === 0) return 'empty';
  if (text.length > 2 * max) return 'too_long'; // at most 2 UTF-16 units per code point
  const count = codePointLength(text);
  if (count < 0) return 'ill_formed';
  return count > max ? 'too_long' : 'ok';
}
