/** Exit codes every stratum command shares; users' scripts and CI depend on them. */
export const ExitCode = {
  /** Everything passed. */
  ok: 0,
  /** A gate said no: a mandatory policy violation, a blocked image, drift where none was expected. */
  blocked: 1,
  /** Bad input: config, flags, files or API answers stratum cannot use. Nothing was written. */
  badInput: 2,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
