/**
 * `--write-docs`: replace the measured table in docs/performance.md (between its bench markers) with this run's.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./processes.ts";

const START = "<!-- bench:table:start -->";
const END = "<!-- bench:table:end -->";

/** Write the table and the machine line into docs/performance.md. */
export function updateDocs(input: { table: string; env: Record<string, unknown>; mode: string; title?: string }): void {
  const file = join(ROOT, "docs/performance.md");
  if (!existsSync(file)) throw new Error("docs/performance.md is missing");
  const text = readFileSync(file, "utf8");
  const at = text.indexOf(START);
  const end = text.indexOf(END);
  if (at < 0 || end < at) throw new Error(`docs/performance.md has no ${START} … ${END} section`);
  const env = input.env;
  const load = (key: string) => (Array.isArray(env[key]) ? (env[key] as number[]).join(" ") : "?");
  const block = [
    START,
    `Measured ${new Date().toISOString().slice(0, 10)} (${input.mode} run, ${typeof env.minutes === "number" ? env.minutes : "?"} min) on ${String(env.cpu)}, ${String(env.memoryGb)} GB, ${String(env.kernel)};`,
    `Node ${String(env.node)}, nats-server ${String(env.natsServer)}, better-sqlite3 ${String(env.betterSqlite3)}. Load average ${load("loadAverageAtStart")} at start, ${load("loadAverageAtEnd")} at end.`,
    `Cores: ${String(env.pinning)}.`,
    "",
    input.table,
    END,
  ].join("\n");
  writeFileSync(file, `${text.slice(0, at)}${block}${text.slice(end + END.length)}`);
}
