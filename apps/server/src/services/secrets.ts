/**
 * Secret values: listing what is stored (names and keys, never values) and rotating the sealing key — every stored
 * value re-sealed with a new key in one transaction, the key file replaced (old keys kept, so nothing sealed
 * earlier becomes unreadable).
 */
import { join } from "node:path";
import { TRPCError } from "@trpc/server";
import type { AppContext } from "../engine.ts";
import { keySource, prepareRotation } from "../storage/crypto.ts";

/** Re-seal every Secret/ConfigMap value with a new key. */
export async function rotateSealingKey(app: AppContext, actor: string): Promise<{ keyId: string; previousKeyId: string; values: number }> {
  const source = keySource({ secretKey: app.config.secretKey, secretKeyFile: app.config.secretKeyFile, defaultFile: join(app.config.dataDir, "secret.key") });
  if (source.kind !== "file") {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: "the sealing key comes from SIGNALBOX_SECRET_KEY, which this server cannot change: use SIGNALBOX_SECRET_KEY_FILE (or the data dir's secret.key) to rotate",
    });
  }
  const previous = app.sealingKey();
  const rotation = prepareRotation(source.file);
  const values = await app.definitions.reseal(rotation.next);
  rotation.commit(previous);
  await app.db.auditEntry.create({ data: { actor, action: "secrets.rotate-key", target: rotation.next.id, detail: `from ${previous.id}; ${values} values re-sealed` } });
  return { keyId: rotation.next.id, previousKeyId: previous.id, values };
}
