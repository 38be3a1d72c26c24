#!/usr/bin/env node
// The `lint` stage of `npm test`: ESLint over the repository (eslint.config.js), printing errors in full and warnings
// as a count per rule (`npm run lint` shows them all). The full result goes to .reports/eslint.json.
// Exit code: 1 when there is any error (warnings do not fail), 2 when ESLint itself failed.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

async function main() {
  const eslint = new ESLint({ cwd: ROOT });
  const results = await eslint.lintFiles(["."]);

  fs.mkdirSync(path.join(ROOT, ".reports"), { recursive: true });
  const json = await eslint.loadFormatter("json");
  fs.writeFileSync(path.join(ROOT, ".reports", "eslint.json"), await json.format(results));

  let errors = 0;
  let warnings = 0;
  const byRule = new Map();
  for (const r of results) {
    errors += r.errorCount;
    warnings += r.warningCount;
    for (const m of r.messages) {
      if (m.severity !== 1) continue;
      const rule = m.ruleId ?? "(no rule)";
      byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
    }
  }

  if (errors > 0) {
    const stylish = await eslint.loadFormatter("stylish");
    process.stdout.write(await stylish.format(ESLint.getErrorResults(results)));
  }
  if (warnings > 0) {
    console.log(`warnings (not failing; \`npm run lint\` lists them):`);
    for (const [rule, n] of [...byRule].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(4)}  ${rule}`);
  }
  console.log(`eslint: ${results.length} files, ${errors} errors, ${warnings} warnings`);
  return errors > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err?.stack ?? err);
    process.exit(2);
  },
);
