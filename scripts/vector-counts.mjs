#!/usr/bin/env node
// Counts the conformance vectors (data files under packages/**/vectors/*.json, each citing its reference section)
// and prints them per file and per section, so CI shows how much of the spec is pinned by vectors.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");

function vectorFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...vectorFiles(full));
    else if (entry.name.endsWith(".json") && path.basename(dir) === "vectors") out.push(full);
  }
  return out;
}

function cases(json) {
  if (Array.isArray(json)) return json;
  for (const key of ["cases", "vectors", "tests"]) if (Array.isArray(json?.[key])) return json[key];
  return Object.values(json ?? {}).filter(Array.isArray).flat();
}

/** `{file, count, sections}` for every vectors file. */
export function countVectors(base = path.join(root, "packages")) {
  return vectorFiles(base)
    .sort()
    .map((file) => {
      const list = cases(JSON.parse(fs.readFileSync(file, "utf8")));
      const sections = [...new Set(list.map((c) => c?.section).filter(Boolean))].sort();
      return { file: path.relative(root, file), count: list.length, sections };
    });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows = countVectors();
  const width = Math.max(...rows.map((r) => r.file.length));
  console.log("conformance vectors:");
  for (const row of rows) console.log(`  ${row.file.padEnd(width)}  ${String(row.count).padStart(5)}  ${row.sections.join(" ")}`);
  console.log(`  ${"total".padEnd(width)}  ${String(rows.reduce((sum, r) => sum + r.count, 0)).padStart(5)}`);
}
