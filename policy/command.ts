import { resolve } from "node:path";
import { oneOf, parseFlags } from "../lib/cli/args.ts";
import type { CommandIo } from "../lib/cli/command.ts";
import { UserInputError } from "../lib/cli/errors.ts";
import { ExitCode } from "../lib/cli/exit-codes.ts";
import { loadStackSpec } from "../lib/stack-config/stack-config.ts";
import { policyContextFromSpec, type PolicyContext } from "./context.ts";
import { blockingViolations, evaluatePlan } from "./evaluate.ts";
import { packConfig } from "./pack-config.ts";
import { readResources } from "./read-resources.ts";
import { renderPolicyMarkdown } from "./render-markdown.ts";
import { allRules } from "./rules/index.ts";
import { loadPolicyWaivers, policyWaiversPath } from "./waivers.ts";

const usage = `usage:
  stratum policy check FILE --stack NAME [--waivers FILE] [--format text|json|markdown]
      evaluates the stack's rules on FILE: the offline plan's JSON or \`pulumi preview --json\` output
      exit 0 clean, 1 a mandatory violation (or an expired waiver), 2 unreadable or malformed input
  stratum policy config --stack NAME [--waivers FILE]
      prints the --policy-pack-config JSON for \`pulumi preview --policy-pack policy\`, naming the waivers file
      (--waivers, else policy/waivers.yaml when it exists) the pack applies; exit 2 if that file is malformed
`;

/** `stratum policy check|config`. */
export async function run(argv: readonly string[], io: CommandIo): Promise<ExitCode> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case "check":
      return check(rest, io);
    case "config":
      return config(rest, io);
    case "--help":
    case "-h":
      io.stdout(usage);
      return ExitCode.ok;
    default:
      throw new UserInputError(`policy: ${sub === undefined ? "missing sub-command" : `unknown sub-command "${sub}"`}; expected check or config\n${usage}`);
  }
}

function contextFor(io: CommandIo, stack: string | undefined): PolicyContext {
  if (stack === undefined) throw new UserInputError("policy: --stack NAME is required");
  return policyContextFromSpec(loadStackSpec(io.cwd, stack));
}

async function check(argv: readonly string[], io: CommandIo): Promise<ExitCode> {
  const { values, positionals } = parseFlags("policy check", argv, { stack: { type: "string" }, waivers: { type: "string" }, format: { type: "string" } }, true);
  if (positionals.length !== 1) throw new UserInputError(`policy check: expected exactly one FILE, got ${positionals.length}`);
  const format = oneOf("--format", values.format, ["text", "json", "markdown"] as const, "text");
  const ctx = contextFor(io, values.stack);
  const resources = readResources(io.cwd, positionals[0]!);
  const waivers = loadPolicyWaivers(io.cwd, values.waivers, allRules.map((r) => r.id));
  const { violations, compliance } = evaluatePlan(resources, ctx, waivers, new Date());
  const blocking = blockingViolations(violations);
  if (format === "json") io.stdout(`${JSON.stringify({ stack: ctx.stack, violations, compliance }, null, 2)}\n`);
  else if (format === "markdown") io.stdout(renderPolicyMarkdown(violations, compliance));
  else {
    for (const v of violations) io.stdout(`${v.waived ? "waived" : v.enforcement}  ${v.rule}  ${v.urn}\n    ${v.message}\n`);
    io.stdout(`${ctx.stack}: ${resources.length} resources, ${violations.length} violations, ${blocking.length} blocking\n`);
  }
  return blocking.length > 0 ? ExitCode.blocked : ExitCode.ok;
}

async function config(argv: readonly string[], io: CommandIo): Promise<ExitCode> {
  const { values } = parseFlags("policy config", argv, { stack: { type: "string" }, waivers: { type: "string" } });
  const ctx = contextFor(io, values.stack);
  const waivers = policyWaiversPath(io.cwd, values.waivers);
  // Read now, so a malformed file fails here (exit 2) rather than inside the pack.
  if (waivers !== undefined) loadPolicyWaivers(io.cwd, waivers, allRules.map((r) => r.id));
  io.stdout(`${JSON.stringify(packConfig(ctx, allRules, waivers === undefined ? undefined : resolve(waivers)), null, 2)}\n`);
  return ExitCode.ok;
}
