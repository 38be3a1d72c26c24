/**
 * {@link KeyValueStore} on a JetStream KV bucket, as Argo keeps a sensor's join state: bucket = sensor name (plus the
 * bus's `kvPrefix`), history 1, file storage, created when missing. Keys such as `<trigger>/<dep>` are stored as they
 * are (JetStream KV allows `/`); others are encoded reversibly (see `encodeKey` in `wire.ts`).
 */
import { Kvm, type KV } from "@nats-io/kv";
import type { NatsConnection } from "@nats-io/transport-node";
import { BusUnavailableError, EngineError, errorMessage } from "../../errors.ts";
import type { KeyValueStore } from "../types.ts";
import { bucketName, decodeKey, encodeKey, type JetStreamNames } from "./wire.ts";

/** Open (or create) the bucket of a store name. */
export async function openJetStreamKeyValue(options: {
  nc: NatsConnection;
  names: JetStreamNames;
  bucket: string;
  replicas: number;
}): Promise<KeyValueStore> {
  const name = bucketName(options.names, options.bucket);
  const kv: KV = await guard(`open KV bucket ${name}`, () =>
    new Kvm(options.nc).create(name, { history: 1, replicas: options.replicas, storage: "file" }),
  );
  return {
    get: (key) =>
      guard(`read ${name}/${key}`, async () => {
        const entry = await kv.get(encodeKey(key));
        return entry && entry.operation === "PUT" ? entry.value : undefined;
      }),
    put: (key, value) =>
      guard(`write ${name}/${key}`, async () => {
        await kv.put(encodeKey(key), value);
      }),
    delete: (key) =>
      guard(`delete ${name}/${key}`, async () => {
        await kv.delete(encodeKey(key));
      }),
    keys: (prefix = "") =>
      guard(`list ${name}`, async () => {
        const out: string[] = [];
        // Prefixes such as `trigger/` are not subject tokens, so the server cannot filter on them: list and filter.
        for await (const stored of await kv.keys()) {
          const key = decodeKey(stored);
          if (key.startsWith(prefix)) out.push(key);
        }
        return out.sort();
      }),
  };
}

async function guard<TValue>(what: string, run: () => Promise<TValue>): Promise<TValue> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof EngineError) throw error;
    throw new BusUnavailableError(`cannot ${what}: ${errorMessage(error)}`, 1_000, { cause: error });
  }
}
