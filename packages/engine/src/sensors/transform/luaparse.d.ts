/** The one luaparse entry point used by `lua.ts` (the package ships no types). */
declare module "luaparse" {
  interface ParseOptions {
    luaVersion?: "5.1" | "5.2" | "5.3" | "LuaJIT";
    comments?: boolean;
    locations?: boolean;
    scope?: boolean;
  }
  const luaparse: { parse(code: string, options?: ParseOptions): unknown };
  export default luaparse;
}
