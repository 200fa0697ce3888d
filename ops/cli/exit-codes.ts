// The exit codes of `utopia` (documented in the README's table): scripts and
// supervisors decide by them.

export const EXIT = {
  /** Done; for `stack status` every service answers. */
  ok: 0,
  /** The command ran and failed: an error, a service down, no report for the day, a batch run that quarantined files. */
  failure: 1,
  /** Wrong usage: unknown command or option, a missing or malformed argument. */
  usage: 2,
  /** `batch run`: another run holds the batch lock (EX_TEMPFAIL: try again later, or pass --wait). */
  locked: 75,
} as const;
