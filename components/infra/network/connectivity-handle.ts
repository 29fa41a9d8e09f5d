import type { DataStoreConnectivity } from "./network.ts";

/**
 * How a cloud's network driver hands its data stores' connectivity to the same cloud's data-store drivers through
 * the cloud-neutral `DataStoreConnectivity`: an opaque handle only that cloud can read. A handle another cloud's
 * network made is refused, naming the cloud whose it should have been.
 */
export function connectivityHandles<Value>(cloud: string): {
  readonly make: (value: Value) => DataStoreConnectivity;
  readonly read: (handle: DataStoreConnectivity) => Value;
} {
  const handles = new WeakMap<DataStoreConnectivity, Value>();
  return {
    make(value) {
      const handle = Object.freeze({}) as DataStoreConnectivity;
      handles.set(handle, value);
      return handle;
    },
    read(handle) {
      const value = handles.get(handle);
      if (value === undefined) throw new Error(`the data stores' connectivity was not made by the ${cloud} network driver`);
      return value;
    },
  };
}
