/**
 * `node:crypto` for the browser bundle, just what the engine's mapping code imports (sprig's hash and random
 * functions): synchronous hashes from @noble/hashes, randomness from Web Crypto. `next.config.ts` aliases
 * `node:crypto` to this file for browser builds only; the server keeps Node's module.
 */
import { sha1 } from "@noble/hashes/legacy.js";
import { sha256, sha512 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

const algorithms = { sha1, sha256, sha512 } as const;

interface Hash {
  update(data: Uint8Array | string): Hash;
  digest(encoding: "hex"): string;
}

export function createHash(algorithm: string): Hash {
  const hash = algorithms[algorithm as keyof typeof algorithms];
  if (!hash) throw new Error(`hash ${algorithm} is not available in the browser`);
  const chunks: Uint8Array[] = [];
  const self: Hash = {
    update(data) {
      chunks.push(typeof data === "string" ? new TextEncoder().encode(data) : data);
      return self;
    },
    digest() {
      const size = chunks.reduce((total, chunk) => total + chunk.length, 0);
      const all = new Uint8Array(size);
      let offset = 0;
      for (const chunk of chunks) {
        all.set(chunk, offset);
        offset += chunk.length;
      }
      return bytesToHex(hash(all));
    },
  };
  return self;
}

export function randomBytes(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  // getRandomValues fills at most 64 KiB per call.
  for (let offset = 0; offset < size; offset += 65_536) {
    globalThis.crypto.getRandomValues(bytes.subarray(offset, Math.min(size, offset + 65_536)));
  }
  return bytes;
}

/** A uniform integer in [0, max) (rejection sampling, like Node's). */
export function randomInt(max: number): number {
  if (!Number.isSafeInteger(max) || max <= 0) throw new RangeError(`randomInt: max must be a positive integer`);
  const limit = Math.floor(0x1_0000_0000 / max) * max;
  const word = new Uint32Array(1);
  for (;;) {
    globalThis.crypto.getRandomValues(word);
    const value = word[0] ?? 0;
    if (value < limit) return value % max;
  }
}

export function randomUUID(): string {
  return globalThis.crypto.randomUUID();
}
