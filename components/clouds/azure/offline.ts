import type { OfflineAnswers, OfflineStack } from "../../cloud-module.ts";
import { azureDataOffline } from "./offline-data.ts";

export const azureOffline = (_stack: OfflineStack): OfflineAnswers => ({
  invoke(token) {
    throw new Error(`the offline plan has no answer for the provider function ${token}`);
  },
  resourceId: (_type, name) => name,
  computedOutputs: (type, name, inputs, region) => ({ ...(azureDataOffline[type]?.(name, inputs, region) ?? {}) }),
});
