// The prebuilt bundle `signalbox` runs: apps/server/src/cli/main.ts and the @signalbox/* workspace code it imports,
// bundled by esbuild into apps/server/dist (other packages stay plain imports from node_modules). Running it instead
// of the TypeScript sources through tsx saves tsx's module-hooks thread and the transpiling at every start (about
// 40 MB RSS and most of the start-up time).
//
// - `node apps/server/bin/bundle.mjs` builds it (`npm install` runs this after generating the Prisma clients).
// - `currentBundle()` (used by signalbox.mjs) returns the bundle's entry when it was built from exactly the files
//   that are on disk now (size and mtime of every input, this file included); otherwise it rebuilds, and returns
//   undefined when that is not possible, so the caller runs the sources through tsx. A stale bundle never runs.
//
// dist/ is content-addressed: files are named by hash and never rewritten, and `dist/bundle.json` (replaced
// atomically) names the current entry. So processes starting while another rebuilds, and running servers that
// import a lazily loaded chunk (a Kafka or NATS bus) long after a rebuild, always find consistent files.
// Unreferenced files are removed after a week.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const serverDir = resolve(here, "..");
const root = resolve(serverDir, "../..");
const distDir = join(serverDir, "dist");
const manifestFile = join(distDir, "bundle.json");
const lockFile = join(distDir, ".build.lock");
const entrySource = join(serverDir, "src/cli/main.ts");
const KEEP_UNREFERENCED_MS = 7 * 24 * 3600_000;
const debug = process.env.SIGNALBOX_BUNDLE_DEBUG ? (line) => process.stderr.write(`[bundle] ${line}\n`) : () => {};

/** `{ path, size, mtimeMs }` of a file relative to the repo root, or undefined when it is gone. */
function fingerprint(path) {
  try {
    const stat = statSync(join(root, path));
    return { path, size: stat.size, mtimeMs: stat.mtimeMs };
  } catch {
    return undefined;
  }
}

/** The entry of the bundle when it matches the files on disk, else undefined. */
export function freshBundle() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
  } catch {
    return undefined;
  }
  if (manifest.version !== 1 || manifest.node !== process.versions.node.split(".")[0] || !Array.isArray(manifest.inputs)) return undefined;
  for (const input of manifest.inputs) {
    const now = fingerprint(input.path);
    if (!now || now.size !== input.size || now.mtimeMs !== input.mtimeMs) {
      debug(`stale: ${input.path} changed`);
      return undefined;
    }
  }
  const entry = join(distDir, manifest.entry);
  return existsSync(entry) ? entry : undefined;
}

/** Write a file atomically unless it exists (content-addressed names: same name, same content). */
function writeOnce(path, contents) {
  if (existsSync(path)) return;
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

/** esbuild, from node_modules (it comes with tsx, a dependency of the server). */
async function loadEsbuild() {
  try {
    return await import("esbuild");
  } catch {
    const fromTsx = createRequire(createRequire(import.meta.url).resolve("tsx/package.json")).resolve("esbuild");
    return await import(pathToFileURL(fromTsx).href);
  }
}

/** The directory of package `name` as Node would find it from `fromDir`. */
function packageDir(fromDir, name) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Bare imports other than @signalbox/* stay imports, resolved at run time from dist/; the build fails (and the
 * sources run through tsx) if one would resolve to another copy of the package than from its importer.
 */
const externals = {
  name: "signalbox-externals",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("@signalbox/") || args.path.startsWith("node:")) return undefined;
      const name = args.path.startsWith("@") ? args.path.split("/").slice(0, 2).join("/") : args.path.split("/")[0];
      const fromImporter = packageDir(args.resolveDir, name);
      if (fromImporter && fromImporter !== packageDir(distDir, name)) {
        return { errors: [{ text: `${args.path} resolves to ${fromImporter} from ${args.importer} but not from ${distDir}` }] };
      }
      return { path: args.path, external: true };
    });
  },
};

/**
 * `triggers/nats/load.ts` imports the NATS/Kafka client modules through a specifier held in a variable, so the
 * console's browser bundle never pulls in Node sockets. esbuild leaves such an import as it is, and from dist/ it
 * would resolve to nothing: here the same function gets literal imports, which become lazily loaded chunks.
 */
const literalClientImports = {
  name: "signalbox-literal-client-imports",
  setup(build) {
    build.onLoad({ filter: /[\\/]triggers[\\/]nats[\\/]load\.ts$/ }, (args) => ({
      loader: "ts",
      resolveDir: dirname(args.path),
      contents:
        'export async function loadClientModule(kind) {\n' +
        '  return kind === "nats" ? import("./publisher.ts") : import("../kafka/producer.ts");\n' +
        "}\n",
    }));
  },
};

/** Build the bundle and record it; returns its entry, or undefined when an input changed during the build. */
export async function buildBundle() {
  const esbuild = await loadEsbuild();
  const started = Date.now();
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: entrySource },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: `node${process.versions.node.split(".")[0]}`,
    outdir: distDir,
    entryNames: "[name]-[hash]",
    chunkNames: "chunk-[hash]",
    // Bundling renames colliding top-level names; keep `.name` of classes and functions as in the sources.
    keepNames: true,
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [externals, literalClientImports],
    banner: { js: "// Built by apps/server/bin/bundle.mjs from apps/server/src/cli/main.ts: do not edit." },
  });
  mkdirSync(distDir, { recursive: true });
  for (const file of result.outputFiles) writeOnce(file.path, file.contents);
  // Every dynamically imported module is an entry point too: pick main.ts's.
  const entryInput = relative(root, entrySource);
  const entryOutput = Object.entries(result.metafile.outputs).find(([, output]) => output.entryPoint === entryInput)?.[0];
  if (!entryOutput) throw new Error("esbuild produced no entry");
  const entry = relative(distDir, join(root, entryOutput));
  const inputs = [...Object.keys(result.metafile.inputs), relative(root, fileURLToPath(import.meta.url))].map(fingerprint);
  if (inputs.some((input) => !input || input.mtimeMs >= started)) {
    debug("an input changed while building: not recording this bundle");
    return undefined;
  }
  const manifest = { version: 1, node: process.versions.node.split(".")[0], entry, builtAt: new Date().toISOString(), inputs };
  const tmp = `${manifestFile}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(manifest, null, 1)}\n`);
  renameSync(tmp, manifestFile);
  removeUnreferenced(new Set(result.outputFiles.map((file) => relative(distDir, file.path))));
  debug(`built ${entry} from ${inputs.length} files in ${Date.now() - started} ms`);
  return join(distDir, entry);
}

function removeUnreferenced(current) {
  const cutoff = Date.now() - KEEP_UNREFERENCED_MS;
  for (const name of readdirSync(distDir)) {
    if (name === "bundle.json" || name.startsWith(".") || current.has(name)) continue;
    try {
      if (statSync(join(distDir, name)).mtimeMs < cutoff) rmSync(join(distDir, name), { force: true });
    } catch {
      // removed by another process
    }
  }
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Take the build lock (one builder at a time); false when another process holds it. */
function tryLock() {
  mkdirSync(distDir, { recursive: true });
  try {
    closeSync(openSync(lockFile, "wx"));
    return true;
  } catch {
    // A lock left by a builder that died is taken over after a minute.
    try {
      if (Date.now() - statSync(lockFile).mtimeMs > 60_000) rmSync(lockFile, { force: true });
    } catch {
      // gone meanwhile
    }
    return false;
  }
}

/**
 * The bundle to run: the current one, or a fresh build when a source changed (waiting up to 30 s for another
 * process that is building it). Undefined when there is none to be had: the caller runs the sources.
 */
export async function currentBundle() {
  const fresh = freshBundle();
  if (fresh) return fresh;
  try {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      if (tryLock()) {
        try {
          return freshBundle() ?? (await buildBundle());
        } finally {
          rmSync(lockFile, { force: true });
        }
      }
      await sleep(100);
      const built = freshBundle();
      if (built) return built;
    }
    debug("another process is still building: running the sources");
  } catch (error) {
    debug(`cannot build (${error instanceof Error ? error.message : String(error)}): running the sources`);
  }
  return undefined;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `node apps/server/bin/bundle.mjs`: build now (at `npm install`). Never fails the install: the bin falls back.
  try {
    const entry = freshBundle() ?? (await buildBundle());
    if (entry) console.log(`signalbox: bundle ${relative(root, entry)}`);
  } catch (error) {
    console.warn(`signalbox: no bundle (${error instanceof Error ? error.message : String(error)}); the sources run through tsx`);
  }
}
