/** The parser's view of the token list: lookahead, backing up, and Go's "unexpected …" errors. */

import { lex, type Token, type TokenType } from "./lexer.ts";

/** A problem found while parsing, with its UTF-16 offset in the source. */
export interface TemplateParseIssue {
  readonly message: string;
  readonly offset: number;
}

export class ParseFailure extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

/** Token access for {@link Parser}; `i` indexes the token list and backing up is `i--`. */
export class TokenStream {
  protected i = 0;
  protected readonly tokens: Token[];
  protected readonly source: string;

  constructor(source: string) {
    this.source = source;
    this.tokens = lex(source);
  }

  // Token stream.

  protected next(): Token {
    const t = this.tokens[Math.min(this.i, this.tokens.length - 1)];
    if (!t) throw new ParseFailure("unexpected EOF", this.source.length);
    this.i++;
    if (t.type === "error") throw new ParseFailure(t.val, t.pos);
    return t;
  }

  protected peek(): Token {
    const t = this.next();
    this.i--;
    return t;
  }

  protected nextNonSpace(): Token {
    let t = this.next();
    while (t.type === "space") t = this.next();
    return t;
  }

  protected peekNonSpace(): Token {
    let t = this.peek();
    while (t.type === "space") {
      this.next();
      t = this.peek();
    }
    return t;
  }

  protected fail(message: string, offset: number): never {
    throw new ParseFailure(message, offset);
  }

  protected unexpected(t: Token, context: string): never {
    if (t.type === "error") this.fail(t.val, t.pos);
    this.fail(`unexpected ${tokenString(t)} in ${context}`, t.pos);
  }

  protected expect(type: TokenType, context: string): Token {
    const t = this.nextNonSpace();
    if (t.type !== type) this.unexpected(t, context);
    return t;
  }
}

/** Go's item.String(). */
function tokenString(t: Token): string {
  switch (t.type) {
    case "eof":
      return "EOF";
    case "error":
      return t.val;
    case "block":
    case "break":
    case "continue":
    case "define":
    case "else":
    case "end":
    case "if":
    case "range":
    case "template":
    case "with":
    case "nil":
    case "dot":
      return `<${t.val}>`;
    default:
      return t.val.length > 10 ? `${JSON.stringify(t.val.slice(0, 10))}...` : JSON.stringify(t.val);
  }
}
