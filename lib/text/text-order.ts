/**
 * The order stratum sorts names in wherever the order reaches a file or a report: generated workflows, plan
 * summaries, compliance controls. English collation, whatever the machine's locale: `localeCompare` without a
 * locale follows LANG, and in Czech "chart" sorts after "hello", in Lithuanian "yarn" before "install", so the same
 * workflows generated on a developer's machine and in CI would differ.
 *
 * The collators are made on first use: setting one up loads ICU's collation data (~8 ms), which a process that
 * sorts nothing should not pay.
 */
let english: Intl.Collator | undefined;
let englishNumbered: Intl.Collator | undefined;

/** Names in English dictionary order (case and punctuation as English collation weighs them). */
export function compareText(a: string, b: string): number {
  english ??= new Intl.Collator("en");
  return english.compare(a, b);
}

/** As compareText, with the numbers inside names by value: CC6.2 before CC6.10, A.5.9 before A.5.15. */
export function compareNumbered(a: string, b: string): number {
  englishNumbered ??= new Intl.Collator("en", { numeric: true });
  return englishNumbered.compare(a, b);
}
