// Chromium from Debian (for Playwright e2e): nothing runs; "up" means `chromium --version` works.
import { ensureBinary } from "./install.mjs";
import { run, ServiceError } from "./lib.mjs";

export default {
  name: "chromium",
  envVar: "SIGNALBOX_TEST_CHROMIUM_PATH",
  daemon: false,

  async install() {
    const bin = await ensureBinary(
      "/usr/bin/chromium",
      ["chromium"],
      "chromium",
    );
    const res = await run(bin, ["--version"], { timeoutMs: 30_000 });
    if (res.code !== 0)
      throw new ServiceError(
        "chromium",
        `${bin} --version failed (${res.code})`,
        `${res.stdout}${res.stderr}`,
      );
    return { bin, version: res.stdout.trim() };
  },

  url: (s) => s.bin,
};
