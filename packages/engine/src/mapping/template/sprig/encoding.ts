/**
 * sprig v3.3.0 encodings and hashes: `b64enc`/`b64dec`, `b32enc`/`b32dec` (Go's StdEncoding; on bad input the
 * decoders return Go's error text, e.g. "illegal base64 data at input byte 0", as the value), `sha1sum`,
 * `sha256sum`, `sha512sum` (hex) and `adler32sum` (decimal).
 */

import { createHash } from "node:crypto";

import { def, type FuncDef, str } from "../funcs.ts";
import { utf8Bytes, utf8Decode } from "../text.ts";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function decodeMap(alphabet: string): Int16Array {
  const m = new Int16Array(256).fill(-1);
  for (let i = 0; i < alphabet.length; i++) m[alphabet.charCodeAt(i)] = i;
  return m;
}
const B64_MAP = decodeMap(B64);
const B32_MAP = decodeMap(B32);

class CorruptInput extends Error {
  constructor(offset: number) {
    super(`illegal base64 data at input byte ${offset}`);
  }
}

export function base64Encode(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64");
}

/** encoding/base64 StdEncoding.DecodeString. */
function base64Decode(s: string): string {
  const src = utf8Bytes(s);
  const out: number[] = [];
  let si = 0;
  while (si < src.length) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let err: number | undefined;
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return utf8Decode(Uint8Array.from(out));
        throw new CorruptInput(si - j);
      }
      const c = src[si++] ?? 0;
      const v = B64_MAP[c] ?? -1;
      if (v >= 0) {
        dbuf[j] = v;
        continue;
      }
      if (c === 10 || c === 13) {
        j--;
        continue;
      }
      if (c !== 61) throw new CorruptInput(si - 1);
      if (j === 0 || j === 1) throw new CorruptInput(si - 1);
      if (j === 2) {
        while (si < src.length && (src[si] === 10 || src[si] === 13)) si++;
        if (si === src.length) throw new CorruptInput(src.length);
        if (src[si] !== 61) throw new CorruptInput(si - 1);
        si++;
      }
      while (si < src.length && (src[si] === 10 || src[si] === 13)) si++;
      if (si < src.length) err = si;
      dlen = j;
      break;
    }
    const val = ((dbuf[0] ?? 0) << 18) | ((dbuf[1] ?? 0) << 12) | ((dbuf[2] ?? 0) << 6) | (dbuf[3] ?? 0);
    const bytes = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff];
    out.push(...bytes.slice(0, dlen - 1));
    if (err !== undefined) throw new CorruptInput(err);
  }
  return utf8Decode(Uint8Array.from(out));
}

function base32Encode(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 5) {
    const chunk = bytes.subarray(i, i + 5);
    let bits = 0n;
    for (let k = 0; k < 5; k++) bits = (bits << 8n) | BigInt(chunk[k] ?? 0);
    const chars = Math.ceil((chunk.length * 8) / 5);
    for (let k = 0; k < 8; k++) {
      out += k < chars ? B32[Number((bits >> BigInt(35 - 5 * k)) & 31n)] : "=";
    }
  }
  return out;
}

/** encoding/base32 StdEncoding.DecodeString (newlines are stripped first). */
function base32Decode(s: string): string {
  const src = utf8Bytes(s).filter((b) => b !== 10 && b !== 13);
  const olen = src.length;
  const out: number[] = [];
  let p = 0;
  let end = false;
  const corrupt = (n: number): Error => new Error(`illegal base32 data at input byte ${n}`);
  while (p < src.length && !end) {
    const dbuf = [0, 0, 0, 0, 0, 0, 0, 0];
    let dlen = 8;
    for (let j = 0; j < 8;) {
      const remaining = src.length - p;
      if (remaining === 0) throw corrupt(olen - remaining - j);
      const c = src[p++] ?? 0;
      const left = src.length - p;
      if (c === 61 && j >= 2 && left < 8) {
        if (left + j < 7) throw corrupt(olen);
        for (let k = 0; k < 7 - j; k++) {
          if (left > k && src[p + k] !== 61) throw corrupt(olen - left + k - 1);
        }
        dlen = j;
        end = true;
        if (dlen === 1 || dlen === 3 || dlen === 6) throw corrupt(olen - left - 1);
        break;
      }
      const v = B32_MAP[c] ?? -1;
      if (v < 0) throw corrupt(olen - left - 1);
      dbuf[j] = v;
      j++;
    }
    const d = dbuf;
    const bytes = [
      ((d[0]! << 3) | (d[1]! >> 2)) & 0xff,
      ((d[1]! << 6) | (d[2]! << 1) | (d[3]! >> 4)) & 0xff,
      ((d[3]! << 4) | (d[4]! >> 1)) & 0xff,
      ((d[4]! << 7) | (d[5]! << 2) | (d[6]! >> 3)) & 0xff,
      ((d[6]! << 5) | d[7]!) & 0xff,
    ];
    const n = { 8: 5, 7: 4, 5: 3, 4: 2, 2: 1 }[dlen] ?? 0;
    out.push(...bytes.slice(0, n));
  }
  return utf8Decode(Uint8Array.from(out));
}

function decodeOrMessage(f: (s: string) => string, s: string): string {
  try {
    return f(s);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

const hash =
  (alg: string) =>
  (s: string): string =>
    createHash(alg).update(utf8Bytes(s)).digest("hex");

function adler32(s: string): string {
  let a = 1;
  let b = 0;
  for (const byte of utf8Bytes(s)) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return String(((b << 16) | a) >>> 0);
}

export const ENCODING_FUNCS: Record<string, FuncDef> = {
  b64enc: def(["string"], ([s]) => base64Encode(utf8Bytes(str(s)))),
  b64dec: def(["string"], ([s]) => decodeOrMessage(base64Decode, str(s))),
  b32enc: def(["string"], ([s]) => base32Encode(utf8Bytes(str(s)))),
  b32dec: def(["string"], ([s]) => decodeOrMessage(base32Decode, str(s))),
  sha1sum: def(["string"], ([s]) => hash("sha1")(str(s))),
  sha256sum: def(["string"], ([s]) => hash("sha256")(str(s))),
  sha512sum: def(["string"], ([s]) => hash("sha512")(str(s))),
  adler32sum: def(["string"], ([s]) => adler32(str(s))),
};
