import type { NextConfig } from "next";

// The console talks to the API only through its own route handlers (`/trpc`, `/api`), which read
// SIGNALBOX_API_URL when a request arrives, so one build runs against any API address.
process.env.NEXT_TELEMETRY_DISABLED = "1";

const nextConfig: NextConfig = {
  // The e2e run builds and serves its own copy (`.next-e2e`, set by playwright.config.ts), so a build for `npm start`
  // or another run cannot replace the files under a running test server.
  distDir: process.env["SIGNALBOX_WEB_DIST_DIR"] || ".next",
  reactStrictMode: true,
  // Browser source maps only for profiling builds (bench/console/profile.ts maps CPU profiles back to the sources).
  productionBrowserSourceMaps: process.env["SIGNALBOX_WEB_SOURCE_MAPS"] === "1",
  poweredByHeader: false,
  // `next build` skips its own type check: `npm run typecheck` (tsc -p apps/web/tsconfig.json) covers it, and the
  // type-only import of the server's AppRouter would otherwise make every `npm start` build type-check the server.
  typescript: { ignoreBuildErrors: true },
  // Keep Turbopack inside the monorepo root (workspace packages are symlinked from there).
  turbopack: {
    root: new URL("../..", import.meta.url).pathname,
    // The engine's mapping and trigger-preparation code runs in the browser for live previews (src/engine/index.ts);
    // its Node-only imports get browser stand-ins there. Server bundles keep the real modules.
    resolveAlias: {
      // `node:` imports resolve to Next's own browser polyfills, so those are what gets replaced.
      "next/dist/compiled/crypto-browserify": { browser: "./src/engine/shims/crypto.ts" },
      "next/dist/compiled/browserify-zlib": { browser: "./src/engine/shims/zlib.ts" },
      undici: { browser: "./src/engine/shims/undici.ts" },
    },
  },
};

export default nextConfig;
