// Preloaded (`node --import`) into a child that loads policy/index.ts: replaces @pulumi/policy's server start
// with a recorder, so constructing the PolicyPack starts no gRPC server and the child can exit on its own.
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(join(process.cwd(), "package.json"));
const server = require("@pulumi/policy/server");
const packs = [];
server.serve = (name, version, enforcementLevel, args) => {
  packs.push({ name, version, enforcementLevel, policies: args.policies.map((p) => p.name) });
};
process.on("exit", () => {
  process.stdout.write(`PACKS ${JSON.stringify(packs)}\n`);
});
