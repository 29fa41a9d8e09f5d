import { describeConformance } from "./conformance.ts";

describeConformance("aws");
