import { describe, expect, it } from "vitest";
import { runCli } from "../../commands/main.ts";
import { commands } from "../../commands/index.ts";

async function cli(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(commands, argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {}, cwd: process.cwd() });
  return { code, stdout, stderr };
}

describe.each([
  ["bootstrap", "github"],
  ["review", "janitor"],
  ["drift", "report"],
])("stratum %s takes the one verb %s", (command, verb) => {
  it("refuses any other word, naming the expected verb (exit 2)", async () => {
    const result = await cli([command, "githb"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^error: ${command}: got "githb", expected "${verb}"; usage: stratum ${command} ${verb}`));
  });

  it("refuses a missing verb the same way", async () => {
    expect(await cli([command])).toMatchObject({ code: 2, stderr: expect.stringContaining(`${command}: got "", expected "${verb}"`) });
  });

  it("prints its usage for --help and exits 0", async () => {
    const result = await cli([command, "--help"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(new RegExp(`^usage: stratum ${command} ${verb}`));
  });
});
