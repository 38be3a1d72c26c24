#!/usr/bin/env node
// Render prisma/schema.prisma once per provider and generate a Prisma client for each (no network needed).
// Runs at `npm install` (postinstall) and is idempotent: it skips when the schema did not change.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = readFileSync(join(root, "prisma/schema.prisma"), "utf8");
const providers = ["sqlite", "postgresql"];
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/false", PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };

for (const provider of providers) {
  const rendered = source.replaceAll("__PROVIDER__", provider);
  const schemaPath = join(root, "prisma/generated", provider, "schema.prisma");
  const clientIndex = join(root, "apps/server/src/generated", provider, "client.ts");
  const stamp = join(root, "prisma/generated", provider, ".stamp");
  const hash = createHash("sha256").update(rendered).digest("hex");
  if (existsSync(clientIndex) && existsSync(stamp) && readFileSync(stamp, "utf8") === hash && !process.argv.includes("--force")) continue;
  mkdirSync(dirname(schemaPath), { recursive: true });
  // The generated schema sits one level deeper than the source: fix the relative output path.
  writeFileSync(schemaPath, rendered.replace('output              = "../apps', 'output              = "../../../apps'));
  const prisma = join(root, "node_modules/.bin/prisma");
  execFileSync(prisma, ["generate", "--schema", schemaPath], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  writeFileSync(stamp, hash);
  console.log(`prisma: generated the ${provider} client`);
}
