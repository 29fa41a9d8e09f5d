import { UserInputError } from "../cli/errors.ts";

/**
 * The one pattern a stack name must match: an RFC 1123 DNS label that starts with a letter (lower-case letters,
 * digits and '-', 1 to 63 characters, not ending in '-'). A stack's name comes from its file name and reaches
 * job ids, path filters, variable names and Pulumi's `--stack`; with this pattern it can hold no shell syntax, no
 * `${{`, no quote and no leading '-' (so it is never read as a flag). Review stacks (`pr-<number>`) match it.
 */
export const stackNamePattern = /^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export const stackNameRule = "a lower-case letter, then lower-case letters, digits and '-', at most 63 characters, not ending in '-'";

export function isStackName(name: string): boolean {
  return stackNamePattern.test(name);
}

/** The problem with a stack name, naming where it came from, the name and the pattern; undefined when it is fine. */
export function stackNameProblem(where: string, name: string): string | undefined {
  if (isStackName(name)) return undefined;
  return `${where}: stack name ${JSON.stringify(name)} does not match ${stackNamePattern.source} (${stackNameRule})`;
}

/** Throws a UserInputError (exit 2) when `name` is not a valid stack name. */
export function checkStackName(where: string, name: string): string {
  const problem = stackNameProblem(where, name);
  if (problem !== undefined) throw new UserInputError(problem);
  return name;
}
