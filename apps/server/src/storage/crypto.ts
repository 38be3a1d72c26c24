/**
 * Encryption at rest of Secret/ConfigMap values: AES-256-GCM with a random 96-bit nonce per value; each sealed
 * value carries the id of the key that sealed it (`<keyId>:<base64 nonce|tag|ciphertext>`), so keys can rotate.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** A data-encryption key and its id (a hash prefix, never the key itself). */
export interface SealingKey {
  id: string;
  key: Buffer;
}

/** Derive a 32-byte key from configured material (hex/base64 of 32 bytes, or any passphrase). */
export function keyFromMaterial(material: string): SealingKey {
  const trimmed = material.trim();
  let key: Buffer;
  if (/^[0-9a-f]{64}$/i.test(trimmed)) key = Buffer.from(trimmed, "hex");
  else {
    const decoded = Buffer.from(trimmed, "base64");
    key = decoded.length === 32 ? decoded : createHash("sha256").update(trimmed).digest();
  }
  return { id: createHash("sha256").update(key).digest("hex").slice(0, 12), key };
}

/** Read the key from config, or create `<data-dir>/secret.key` (mode 0600) on first start. */
export function loadSealingKey(options: { secretKey?: string | undefined; secretKeyFile?: string | undefined; defaultFile: string }): SealingKey {
  if (options.secretKey) return keyFromMaterial(options.secretKey);
  const file = options.secretKeyFile ?? options.defaultFile;
  if (!existsSync(file)) {
    if (options.secretKeyFile) throw new Error(`SIGNALBOX_SECRET_KEY_FILE: ${file} does not exist`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return keyFromMaterial(readFileSync(file, "utf8"));
}

/** Encrypt a value. */
export function seal(key: SealingKey, plaintext: string): { keyId: string; ciphertext: string } {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.key, nonce);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return { keyId: key.id, ciphertext: Buffer.concat([nonce, tag, body]).toString("base64") };
}

/** Decrypt a value sealed by one of `keys`. */
export function unseal(keys: readonly SealingKey[], sealed: { keyId: string; ciphertext: string }): string {
  const key = keys.find((candidate) => candidate.id === sealed.keyId);
  if (!key) throw new Error(`no key with id ${sealed.keyId} to decrypt a secret value`);
  const raw = Buffer.from(sealed.ciphertext, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key.key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

/** Where the sealing key comes from: a file this process may rewrite, or configured material it cannot. */
export type KeySource = { kind: "file"; file: string } | { kind: "setting" };

/** The key source of a configuration. */
export function keySource(options: { secretKey?: string | undefined; secretKeyFile?: string | undefined; defaultFile: string }): KeySource {
  if (options.secretKey) return { kind: "setting" };
  return { kind: "file", file: options.secretKeyFile ?? options.defaultFile };
}

/**
 * Every key that may have sealed a stored value: the current one, earlier ones kept by rotation in
 * `<key file>.previous`, and a `<key file>.next` left by a rotation that was cut off.
 */
export function loadKeyRing(options: { secretKey?: string | undefined; secretKeyFile?: string | undefined; defaultFile: string }): { current: SealingKey; all: SealingKey[] } {
  const current = loadSealingKey(options);
  const all = [current];
  const source = keySource(options);
  if (source.kind === "file") {
    for (const extra of [`${source.file}.next`, `${source.file}.previous`]) {
      if (!existsSync(extra)) continue;
      for (const line of readFileSync(extra, "utf8").split("\n")) {
        if (line.trim() === "") continue;
        const key = keyFromMaterial(line);
        if (!all.some((known) => known.id === key.id)) all.push(key);
      }
    }
  }
  return { current, all };
}

/**
 * Rotation, crash-safe in three steps: the new key is written to `<file>.next` before any value is re-sealed;
 * `commit` then keeps the old key in `<file>.previous` and moves the new one into place. Every state in between
 * can still unseal every value (see {@link loadKeyRing}).
 */
export function prepareRotation(file: string): { next: SealingKey; commit(previous: SealingKey): void } {
  const material = randomBytes(32).toString("hex");
  const nextFile = `${file}.next`;
  writeFileSync(nextFile, `${material}\n`, { mode: 0o600 });
  chmodSync(nextFile, 0o600);
  return {
    next: keyFromMaterial(material),
    commit(previous) {
      appendFileSync(`${file}.previous`, `${previous.key.toString("hex")}\n`, { mode: 0o600 });
      chmodSync(`${file}.previous`, 0o600);
      renameSync(nextFile, file);
    },
  };
}
