/**
 * sprig's non-deterministic functions: random strings, random integers (see math.ts for `randInt`), random bytes
 * and UUIDs. They use the platform CSPRNG; tests check their shape only.
 */

import { randomBytes, randomInt, randomUUID } from "node:crypto";

import { def, type FuncDef, GoCallError, num } from "../funcs.ts";
import { base64Encode } from "./encoding.ts";

const ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const NUMERIC = "0123456789";

function randomFrom(alphabet: string, count: number, checkSize: (n: number) => void): string {
  if (count < 0) throw new GoCallError(`Requested random string length ${count} is less than 0.`);
  checkSize(count);
  let out = "";
  for (let i = 0; i < count; i++) out += alphabet[randomInt(alphabet.length)] ?? "";
  return out;
}

/** Printable ASCII from space to tilde, as goutils' CryptoRandomAscii. */
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");

export const RANDOM_FUNCS: Record<string, FuncDef> = {
  randAlphaNum: def(["int"], ([n], ctx) => randomFrom(ALPHA + NUMERIC, num(n), ctx.checkSize)),
  randAlpha: def(["int"], ([n], ctx) => randomFrom(ALPHA, num(n), ctx.checkSize)),
  randAscii: def(["int"], ([n], ctx) => randomFrom(ASCII, num(n), ctx.checkSize)),
  randNumeric: def(["int"], ([n], ctx) => randomFrom(NUMERIC, num(n), ctx.checkSize)),
  randBytes: def(["int"], ([n], ctx) => {
    if (num(n) < 0) throw new GoCallError("runtime error: makeslice: len out of range");
    ctx.checkSize(num(n));
    return base64Encode(randomBytes(num(n)));
  }),
  uuidv4: def([], () => randomUUID()),
};
