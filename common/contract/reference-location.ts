// Dataset B, the reference table: geographical_location_oid -> name. A loader
// validates the whole table before publishing it, and refuses the whole file
// when any row is bad, listing every problem with its row number; half a
// reference table would silently un-enrich events.

import { tryParseInt64, type Int64Input } from './int64';
import { checkText } from './text-length';

export interface ReferenceLocation {
  readonly geographicalLocationOid: bigint;
  /** 1..500 Unicode code points. */
  readonly geographicalLocation: string;
}

/** One row as a file holds it. */
export interface ReferenceLocationWire {
  readonly geographical_location_oid: Int64Input;
  readonly geographical_location: string;
}

export type ReferenceField = keyof ReferenceLocationWire;

export const LOCATION_NAME_MAX_CODE_POINTS = 500;

/** Stable codes of reference-row problems (the event codes where the rule is the same). */
export const REFERENCE_PROBLEM_REASONS = [
  'not_an_object',
  'missing_field',
  'invalid_int64',
  'non_positive_oid',
  'invalid_location_name',
  'location_name_empty',
  'location_name_too_long',
  'duplicate_oid',
] as const;

export type ReferenceProblemReason = (typeof REFERENCE_PROBLEM_REASONS)[number];

export interface ReferenceProblem {
  /** Row number as the loader counts them (1-based data rows by default). */
  readonly row: number;
  readonly reason: ReferenceProblemReason;
  readonly field?: ReferenceField;
  readonly message: string;
}

export type ReferenceValidation =
  | { readonly ok: true; readonly locations: readonly ReferenceLocation[] }
  | { readonly ok: false; readonly problems: readonly ReferenceProblem[] };

export interface ReferenceValidateOptions {
  /** The number of the first row, e.g. 2 for a CSV file with a header line. Default 1. */
  readonly firstRow?: number;
}

export function validateReferenceTable(rows: Iterable<unknown>, options: ReferenceValidateOptions = {}): ReferenceValidation {
  const locations: ReferenceLocation[] = [];
  const problems: ReferenceProblem[] = [];
  const firstSeen = new Map<bigint, number>();
  let row = options.firstRow ?? 1;
  for (const raw of rows) {
    const rowProblems = checkRow(raw, row);
    if (rowProblems.problems.length > 0) {
      problems.push(...rowProblems.problems);
    } else if (rowProblems.location !== undefined) {
      const oid = rowProblems.location.geographicalLocationOid;
      const earlier = firstSeen.get(oid);
      if (earlier !== undefined) {
        problems.push({
          row,
          reason: 'duplicate_oid',
          field: 'geographical_location_oid',
          message: `row ${row}: geographical_location_oid ${oid} already on row ${earlier}`,
        });
      } else {
        firstSeen.set(oid, row);
        locations.push(rowProblems.location);
      }
    }
    row++;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, locations };
}

/** The lookup the enrichment join uses (bigint keys compare by value in a Map). */
export function referenceMap(locations: Iterable<ReferenceLocation>): ReadonlyMap<bigint, string> {
  const map = new Map<bigint, string>();
  for (const location of locations) map.set(location.geographicalLocationOid, location.geographicalLocation);
  return map;
}

function checkRow(raw: unknown, row: number): { location?: ReferenceLocation; problems: ReferenceProblem[] } {
  const problems: ReferenceProblem[] = [];
  const problem = (reason: ReferenceProblemReason, field: ReferenceField | undefined, message: string): void => {
    const text = `row ${row}: ${message}`;
    problems.push(field === undefined ? { row, reason, message: text } : { row, reason, field, message: text });
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problem('not_an_object', undefined, 'expected an object with geographical_location_oid and geographical_location');
    return { problems };
  }
  const record = raw as Record<string, unknown>;

  let oid: bigint | undefined;
  const rawOid = record.geographical_location_oid;
  if (rawOid === undefined || rawOid === null) {
    problem('missing_field', 'geographical_location_oid', 'geographical_location_oid is missing');
  } else {
    const parsed = tryParseInt64(rawOid);
    if (!parsed.ok) problem('invalid_int64', 'geographical_location_oid', `geographical_location_oid: ${parsed.message}`);
    else if (parsed.value <= 0n)
      problem('non_positive_oid', 'geographical_location_oid', `geographical_location_oid must be > 0, got ${parsed.value}`);
    else oid = parsed.value;
  }

  let name: string | undefined;
  const rawName = record.geographical_location;
  if (rawName === undefined || rawName === null) {
    problem('missing_field', 'geographical_location', 'geographical_location is missing');
  } else if (typeof rawName !== 'string') {
    problem('invalid_location_name', 'geographical_location', `geographical_location must be a string, got ${typeof rawName}`);
  } else {
    const check = checkText(rawName, LOCATION_NAME_MAX_CODE_POINTS);
    if (check === 'empty') problem('location_name_empty', 'geographical_location', 'geographical_location must not be empty');
    else if (check === 'too_long')
      problem(
        'location_name_too_long',
        'geographical_location',
        `geographical_location has more than ${LOCATION_NAME_MAX_CODE_POINTS} code points`,
      );
    else if (check === 'ill_formed')
      problem('invalid_location_name', 'geographical_location', 'geographical_location holds a lone UTF-16 surrogate');
    else name = rawName;
  }

  if (oid === undefined || name === undefined) return { problems };
  return { location: { geographicalLocationOid: oid, geographicalLocation: name }, problems };
}
