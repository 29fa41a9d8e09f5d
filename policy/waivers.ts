/*
 * Policy waivers: the shared waiver format (lib/waivers/, the same one `stratum scan --waivers` reads) with two
 * rules of its own: a policy waiver must name the resources it covers (`urn`, a glob), and its `id` must be a
 * rule that exists, so a typo cannot waive nothing while looking like it waives something.
 *
 * One file serves both gates: `policy/waivers.yaml` may also hold the scan gate's vulnerability waivers
 * (`CVE-…`, `GHSA-…`: an upper-case id and no `urn`), which the policy gate leaves to `stratum scan`. Both gates
 * parse the whole file with the same loader, so a duplicate or an expiry past the cap is refused by both.
 */
import { existsSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { UserInputError } from "../lib/cli/errors.ts";
import { readInputFileSync } from "../lib/fs/read-input.ts";
import { parseWaiverText } from "../lib/waivers/load-waivers.ts";
import { findWaivers, isExpired as expiredOn, utcToday } from "../lib/waivers/match.ts";
import type { Waiver as SharedWaiver } from "../lib/waivers/waiver.ts";

export interface Waiver extends SharedWaiver {
  readonly urn: string;
  /** The file and the entry's index in its `waivers:` list, to name in messages. */
  readonly source: string;
  readonly entry: number;
}

/** Reads `waivers: [...]` from a YAML file; every malformed entry is bad input naming the file and entry. */
export function loadWaivers(path: string, knownRules: readonly string[], today: Date = new Date()): Waiver[] {
  return parseWaivers(readInputFileSync(process.cwd(), path, "--waivers"), path, knownRules, today);
}

/** Vulnerability ids (CVE-2024-1, GHSA-xxxx, RUSTSEC-…, GO-…) are upper case; rule ids are lower-case kebab. */
const vulnerabilityId = /^[A-Z][A-Z0-9]*-/;

export function parseWaivers(text: string, source: string, knownRules: readonly string[], today: Date = new Date()): Waiver[] {
  const problems: string[] = [];
  const waivers: Waiver[] = [];
  parseWaiverText(text, source, { today: utcToday(today) }).forEach((waiver, entry) => {
    const where = `${source}: waivers[${entry}] (${waiver.id})`;
    if (waiver.urn === undefined && vulnerabilityId.test(waiver.id)) return;
    if (waiver.urn === undefined) problems.push(`${where}.urn: missing (required: a policy waiver names the resources it covers, e.g. "*::acme-prod-logs")`);
    else if (!knownRules.includes(waiver.id)) problems.push(`${where}: unknown rule id "${waiver.id}"; expected one of ${knownRules.join(", ")}`);
    else waivers.push({ ...waiver, urn: waiver.urn, source, entry });
  });
  if (problems.length > 0) throw new UserInputError(problems);
  return waivers;
}

/** The violation an expired waiver is reported as, by `stratum plan`/`policy check` and by the pack alike. */
export function expiredWaiverMessage(waiver: Waiver): string {
  return `${waiver.source}: waivers[${waiver.entry}] (${waiver.id}, approved by ${waiver.approver}) expired on ${waiver.expires}; renew or remove it`;
}

/** True when the waiver's last day is before `today` (UTC). */
export function isExpired(waiver: Waiver, today: Date): boolean {
  return expiredOn(waiver, utcToday(today));
}

/** The first waiver in force for this rule and URN. */
export function findWaiver(waivers: readonly Waiver[], rule: string, urn: string, today: Date): Waiver | undefined {
  return findWaivers(waivers, { id: rule, urn }, utcToday(today)).valid[0] as Waiver | undefined;
}

/** The rule id an expired waiver is reported under: it blocks like a mandatory violation until renewed or removed. */
export const expiredWaiverRule = "waiver-expired";

/** Where policy waivers live unless `--waivers` names another file. */
export const defaultWaiversPath = "policy/waivers.yaml";

/**
 * The waivers `stratum plan` and `stratum policy check` apply: the file `--waivers` names (which must exist), else
 * `policy/waivers.yaml` when there is one.
 */
export function loadPolicyWaivers(cwd: string, flag: string | undefined, knownRules: readonly string[], today: Date = new Date()): Waiver[] {
  const path = policyWaiversPath(cwd, flag);
  return path === undefined ? [] : loadWaivers(path, knownRules, today);
}

/** The waivers file the policy gates read: `--waivers` (which must exist), else `policy/waivers.yaml` when there is one. */
export function policyWaiversPath(cwd: string, flag: string | undefined): string | undefined {
  const path = flag === undefined ? join(cwd, defaultWaiversPath) : isAbsolute(flag) ? flag : join(cwd, flag);
  return flag === undefined && !existsSync(path) ? undefined : path;
}
