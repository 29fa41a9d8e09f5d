import { describeConformance, loadConformance } from "./conformance.ts";

describeConformance("gcp", await loadConformance("gcp"));
