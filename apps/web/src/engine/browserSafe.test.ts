/**
 * The console runs the engine's mapping and trigger-preparation code in the browser (live previews). This bundles
 * `src/engine/index.ts` for the browser, with the same two stand-ins `next.config.ts` sets up, and fails when an
 * engine change puts a Node-only import on that path (the preview would then break at build time).
 */
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

describe("the engine code the console bundles", () => {
  it("builds for the browser with only the crypto, zlib and undici stand-ins", async () => {
    const result = await build({
      entryPoints: [here("./index.ts")],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
      alias: { "node:crypto": here("./shims/crypto.ts"), "node:zlib": here("./shims/zlib.ts"), undici: here("./shims/undici.ts") },
      metafile: true,
    });
    expect(result.errors).toEqual([]);
    const nodeImports = Object.values(result.metafile.inputs).flatMap((input) =>
      input.imports.filter((imported) => imported.path.startsWith("node:")).map((imported) => imported.path),
    );
    expect(nodeImports).toEqual([]);
  }, 60_000);
});
