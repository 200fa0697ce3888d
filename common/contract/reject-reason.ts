// Stable, machine-readable reasons a Dataset A event is refused. They label dead-letter
// messages and metrics, so never rename one; add new ones at the end.

export const REJECT_REASONS = [
  /** Buffer input is not valid UTF-8. */
  'invalid_utf8',
  /** The text is not JSON. */
  'malformed_json',
  /** JSON, but not an object (array, string, number, null...). */
  'not_an_object',
  /** A contract field is absent or null. */
  'missing_field',
  /** An oid is not an int64 (wrong type, float, exponent, out of range, or a JSON number beyond 2^53). */
  'invalid_int64',
  /** An oid is zero or negative. */
  'non_positive_oid',
  /** item_name is not a string, or holds a lone surrogate (no UTF-8 form). */
  'invalid_item_name',
  /** item_name is the empty string. */
  'item_name_empty',
  /** item_name has more code points than allowed (5000). */
  'item_name_too_long',
  /** timestamp_detected is not an integer of epoch milliseconds inside the plausible window. */
  'invalid_timestamp',
  /** The Kafka message key is missing or differs from detection_oid. */
  'key_mismatch',
  /**
   * The event passed validation but storing it failed every attempt with an error
   * that is not a store outage (a bug or a limit the contract does not know):
   * isolated from its chunk and dead-lettered so the events behind it proceed.
   */
  'processing_failed',
] as const;

export type RejectReason = (typeof REJECT_REASONS)[number];
