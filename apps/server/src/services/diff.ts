/**
 * A line diff in unified format (`--- a`, `+++ b`, `@@` hunks with 3 lines of context), from a longest common
 * subsequence. Pure; manifests are small (capped at 5,000 lines a side, beyond which the diff is whole-file).
 */

/** Unified diff of two texts; empty when they are equal. */
export function unifiedDiff(before: string, after: string, labels: { from: string; to: string }, context = 3): string {
  if (before === after) return "";
  const a = before.split("\n");
  const b = after.split("\n");
  const ops = a.length * b.length > 25_000_000 ? wholeFile(a, b) : lcsOps(a, b);
  const out = [`--- ${labels.from}`, `+++ ${labels.to}`];
  // Group the edit script into hunks with `context` lines around each change.
  let index = 0;
  while (index < ops.length) {
    while (index < ops.length && ops[index]?.op === " ") index += 1;
    if (index >= ops.length) break;
    const start = Math.max(0, index - context);
    let end = index;
    let lastChange = index;
    while (end < ops.length && end - lastChange <= context * 2) {
      if (ops[end]?.op !== " ") lastChange = end;
      end += 1;
    }
    end = Math.min(ops.length, lastChange + context + 1);
    const hunk = ops.slice(start, end);
    const first = hunk[0];
    const aStart = (first?.aLine ?? 0) + 1;
    const bStart = (first?.bLine ?? 0) + 1;
    const aCount = hunk.filter((op) => op.op !== "+").length;
    const bCount = hunk.filter((op) => op.op !== "-").length;
    out.push(`@@ -${aCount === 0 ? aStart - 1 : aStart},${aCount} +${bCount === 0 ? bStart - 1 : bStart},${bCount} @@`);
    for (const op of hunk) out.push(`${op.op}${op.text}`);
    index = end;
  }
  return `${out.join("\n")}\n`;
}

interface Op {
  op: " " | "-" | "+";
  text: string;
  /** 0-based line in `a` (for `+`: where it would go). */
  aLine: number;
  bLine: number;
}

function lcsOps(a: string[], b: string[]): Op[] {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table = new Uint32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * cols + j] = a[i] === b[j] ? (table[(i + 1) * cols + j + 1] ?? 0) + 1 : Math.max(table[(i + 1) * cols + j] ?? 0, table[i * cols + j + 1] ?? 0);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ op: " ", text: a[i] ?? "", aLine: i, bLine: j });
      i += 1;
      j += 1;
    } else if (i < a.length && (j >= b.length || (table[(i + 1) * cols + j] ?? 0) >= (table[i * cols + j + 1] ?? 0))) {
      // Deletions before insertions, as diff(1) shows a changed line.
      ops.push({ op: "-", text: a[i] ?? "", aLine: i, bLine: j });
      i += 1;
    } else {
      ops.push({ op: "+", text: b[j] ?? "", aLine: i, bLine: j });
      j += 1;
    }
  }
  return ops;
}

function wholeFile(a: string[], b: string[]): Op[] {
  return [...a.map((text, i) => ({ op: "-" as const, text, aLine: i, bLine: 0 })), ...b.map((text, j) => ({ op: "+" as const, text, aLine: a.length, bLine: j }))];
}
