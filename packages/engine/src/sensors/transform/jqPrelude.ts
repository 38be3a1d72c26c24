/**
 * jq definitions that make jq 1.7 (the `jq-web` WebAssembly build) behave like gojq v0.12.19 as Argo Events runs
 * it (`gojq.Parse` + `Run`, no environment, no modules). Each definition is pinned by a vector in
 * `vectors/jq.json`; see the README beside this file for what still differs.
 */

/** Builtins jq 1.7 has and gojq does not: calling one is an error in Argo, so it is one here too. */
const MISSING_IN_GOJQ = [
  "keys_unsorted",
  "debug",
  "stderr",
  "input_filename",
  "input_line_number",
  "get_search_list",
  "get_jq_origin",
  "get_prog_origin",
  "lgamma_r",
  "pow10",
];

const PRELUDE_LINES = [
  // Captured before they are redefined below: jq scoping is lexical, so these keep pointing at the builtins.
  "def _sb_tojson: tojson;",
  "def _sb_ltrimstr($x): ltrimstr($x);",
  "def _sb_rtrimstr($x): rtrimstr($x);",
  'def _sb_type_error($name): error("\\($name) cannot be applied to: \\(type) (\\(_sb_tojson))");',
  // gojq prints numbers like Go's encoder (exponent only below 1e-6 or from 1e21); jq 1.7 switches earlier.
  "def _sb_num: (. + 0) as $v | ($v | _sb_tojson) as $s",
  '  | if ($v | isinfinite or isnan) or ($s | test("[eE]") | not) then $s',
  '    else ($s | capture("^(?<sign>-?)(?<int>[0-9])(?:\\\\.(?<frac>[0-9]+))?[eE](?<exp>[-+]?[0-9]+)$")) as $p',
  '    | ($p.int + ($p.frac // "")) as $d | ($p.exp | tonumber) as $x | ($x + 1) as $n',
  "    | $p.sign + (if $x >= -6 and $x <= 20 then",
  '        (if $n >= ($d | length) then $d + ("0" * ($n - ($d | length)) // "")',
  '         elif $n > 0 then $d[:$n] + "." + $d[$n:]',
  '         else "0." + ("0" * (0 - $n) // "") + $d end)',
  '      else $d[:1] + (if ($d | length) > 1 then "." + $d[1:] else "" end)',
  '        + "e" + (if $x > 0 then "+" else "-" end) + ($x | fabs | _sb_tojson) end) end;',
  // gojq keeps object keys sorted everywhere, so its tojson and to_entries walk keys in sorted order.
  "def tojson: if type == \"object\" then \"{\" + ([keys[] as $k | ($k | _sb_tojson) + \":\" + (.[$k] | tojson)] | join(\",\")) + \"}\"",
  '  elif type == "array" then "[" + (map(tojson) | join(",")) + "]"',
  '  elif type == "number" then _sb_num elif type == "string" then _sb_tojson | gsub("\\u007f"; "\\\\u007f") else _sb_tojson end;',
  'def tostring: if type == "string" then . else tojson end;',
  "def to_entries: [keys[] as $k | {key: $k, value: .[$k]}];",
  "def with_entries(f): to_entries | map(f) | from_entries;",
  // Builtins gojq has and jq 1.7 lacks.
  "def add(f): reduce f as $x (null; . + $x);",
  'def ltrimstr($x): if type == "string" and ($x | type) == "string" then _sb_ltrimstr($x) else _sb_type_error("ltrimstr(\\($x | _sb_tojson))") end;',
  'def rtrimstr($x): if type == "string" and ($x | type) == "string" then _sb_rtrimstr($x) else _sb_type_error("rtrimstr(\\($x | _sb_tojson))") end;',
  "def trimstr($x): ltrimstr($x) | rtrimstr($x);",
  'def ltrim: if type == "string" then sub("^\\\\s+"; "") else _sb_type_error("ltrim") end;',
  'def rtrim: if type == "string" then sub("\\\\s+$"; "") else _sb_type_error("rtrim") end;',
  "def trim: ltrim | rtrim;",
  'def toboolean: if type == "boolean" then . elif . == "true" then true elif . == "false" then false else _sb_type_error("toboolean") end;',
  "def limit($n; f): if $n > 0 then label $out | foreach f as $item (0; . + 1; $item, if . >= $n then break $out else empty end)",
  '  elif $n == 0 then empty else error("limit doesn\'t support negative count") end;',
  "def skip($n; f): if $n > 0 then foreach f as $item ($n; . - 1; if . < 0 then $item else empty end)",
  '  elif $n == 0 then f else error("skip doesn\'t support negative count") end;',
  // Argo runs gojq without an environment loader and without inputs.
  "def env: {};",
  'def input: error("input(s)/0 is not allowed");',
  'def inputs: error("input(s)/0 is not allowed");',
  ...MISSING_IN_GOJQ.map((name) => `def ${name}: error("function not defined: ${name}/0");`),
];

/**
 * Wraps a user program so jq runs it like Argo: `$ENV` is empty, only the first output counts, and the output is
 * paired with a count of NaN/Infinity numbers (Go's encoder refuses those; jq would print `null` and 1.79e308).
 * The program goes on its own lines so a trailing `# comment` cannot swallow the closing parenthesis.
 */
export function wrapJqProgram(program: string): string {
  return `${PRELUDE_LINES.join("\n")}\n{} as $ENV | first(\n${program}\n) | [., ([.. | numbers | select(isinfinite or isnan)] | length)]`;
}

/** A program that only compiles the user program (with the prelude) and never runs it. */
export function compileOnlyJqProgram(program: string): string {
  return `${PRELUDE_LINES.join("\n")}\nif false then ({} as $ENV | first(\n${program}\n)) else empty end`;
}
