#!/usr/bin/env node
// Schemathesis (PyPI) in a project-owned virtualenv, `.services/venv`, installed idempotently: the venv is created
// when missing and the pinned version installed when it is not already there. Nothing is installed by hand.
//
//   node scripts/schemathesis.mjs install        → prints the path of the `st` executable
//   node scripts/schemathesis.mjs run -- <args>  → installs if needed, then runs `st <args>`
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const SCHEMATHESIS_VERSION = "4.32.5";
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const venv = join(root, ".services", "venv");
const stamp = join(venv, ".schemathesis-version");
const bin = join(venv, "bin");

function python() {
  for (const candidate of ["python3", "python"]) {
    const probe = spawnSync(candidate, ["-c", "import sys, venv; print(sys.version_info >= (3, 9))"], { encoding: "utf8" });
    if (probe.status === 0 && probe.stdout.trim() === "True") return candidate;
  }
  throw new Error("schemathesis needs Python ≥ 3.9 with the venv module (Debian: apt-get install python3-venv)");
}

/** Make sure `st` is installed at the pinned version; returns its path. */
export function ensureSchemathesis() {
  const st = join(bin, "st");
  if (existsSync(st) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === SCHEMATHESIS_VERSION) return st;
  mkdirSync(dirname(venv), { recursive: true });
  if (!existsSync(join(bin, "python"))) {
    process.stderr.write(`[schemathesis] creating ${venv}\n`);
    execFileSync(python(), ["-m", "venv", venv], { stdio: ["ignore", "inherit", "inherit"] });
  }
  process.stderr.write(`[schemathesis] installing schemathesis==${SCHEMATHESIS_VERSION} into ${venv}\n`);
  execFileSync(join(bin, "python"), ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", `schemathesis==${SCHEMATHESIS_VERSION}`], {
    stdio: ["ignore", "inherit", "inherit"],
    timeout: 15 * 60_000,
  });
  writeFileSync(stamp, `${SCHEMATHESIS_VERSION}\n`);
  return st;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [command, ...rest] = process.argv.slice(2);
  if (command === "install") {
    process.stdout.write(`${ensureSchemathesis()}\n`);
  } else if (command === "run") {
    const st = ensureSchemathesis();
    const args = rest[0] === "--" ? rest.slice(1) : rest;
    const result = spawnSync(st, args, { stdio: "inherit" });
    process.exit(result.status ?? 1);
  } else {
    process.stderr.write("usage: node scripts/schemathesis.mjs install | run -- <st arguments>\n");
    process.exit(2);
  }
}
