#!/usr/bin/env node
// The `signalbox` command. Runs the prebuilt bundle of the TypeScript sources (see bundle.mjs: built at
// `npm install`, rebuilt here whenever a source changed); without one (or with SIGNALBOX_NO_BUNDLE=1) it runs the
// sources through tsx, so a fresh clone needs no build step.
import { currentBundle } from "./bundle.mjs";

const bundle = process.env.SIGNALBOX_NO_BUNDLE ? undefined : await currentBundle();
if (bundle) {
  await import(bundle);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
