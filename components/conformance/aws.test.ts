import { describeConformance, loadConformance } from "./conformance.ts";

describeConformance("aws", await loadConformance("aws"));
