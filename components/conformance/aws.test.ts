import { describeConformance } from "./conformance.ts";

describeConformance("aws", { dev: "dev-aws", prod: "prod-aws" });
