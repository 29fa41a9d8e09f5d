import type { OfflineAnswers, OfflineStack } from "../../cloud-module.ts";
import { gcpDataOffline } from "./offline-data.ts";

export const gcpOffline = (_stack: OfflineStack): OfflineAnswers => ({
  invoke(token) {
    throw new Error(`the offline plan has no answer for the provider function ${token}`);
  },
  resourceId: (_type, name) => name,
  computedOutputs: (type, name, inputs, region) => ({ ...(gcpDataOffline[type]?.(name, inputs, region) ?? {}) }),
});
