/**
 * expr's string-literal decoding (`parser/lexer/utils.go`): quotes stripped, `\r\n` and `\r` normalised to `\n`,
 * Go escapes (`\n`, `\x41`, `\u00e9`, `\U0001F600`, octal `\101`, plus `\`` and `\?`) decoded; a surrogate code
 * point becomes U+FFFD as Go's UTF-8 encoder writes it. Pure; throws a plain Error with expr's message.
 */

const simpleEscapes: Record<string, string> = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "`": "`",
  "?": "?",
};

/** Decode a quoted expr string literal (the quotes included in `quoted`). */
export function unescape(quoted: string): string {
  const value = quoted.replace(/\r\n|\r/g, "\n");
  if (value.length < 2 || value[0] !== value[value.length - 1] || (value[0] !== '"' && value[0] !== "'")) {
    throw new Error("unable to unescape string");
  }
  const body = value.slice(1, -1);
  let out = "";
  for (let i = 0; i < body.length;) {
    const c = body[i] as string;
    if (c !== "\\") {
      out += c;
      i++;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) throw new Error("unable to unescape string, found '\\' as last character");
    i += 2;
    const simple = simpleEscapes[e];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    let code: number;
    if (e === "x" || e === "X" || e === "u" || e === "U") {
      const n = e === "u" ? 4 : e === "U" ? 8 : 2;
      const hex = body.slice(i, i + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw new Error("unable to unescape string");
      code = parseInt(hex, 16);
      i += n;
    } else if (e >= "0" && e <= "3") {
      const oct = body.slice(i, i + 2);
      if (!/^[0-7]{2}$/.test(oct)) throw new Error("unable to unescape octal sequence in string");
      code = parseInt(e + oct, 8);
      i += 2;
    } else {
      throw new Error("unable to unescape string");
    }
    if (code > 0x10ffff) throw new Error("unable to unescape string");
    out += code >= 0xd800 && code <= 0xdfff ? "\uFFFD" : String.fromCodePoint(code);
  }
  return out;
}
