/**
 * `node:zlib` for the browser bundle: the engine's HTTP trigger gunzips *responses* it receives, which the console
 * never does (it only prepares requests). Aliased in `next.config.ts` for browser builds.
 */
export function createGunzip(): never {
  throw new Error("the console does not read trigger responses");
}
