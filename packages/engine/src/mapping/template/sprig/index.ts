/** The sprig v3.3.0 functions Signalbox supports, by family. */

import type { FuncDef } from "../funcs.ts";
import { CASE_FUNCS } from "./caseConv.ts";
import { DATE_FUNCS } from "./dates.ts";
import { DEFAULT_FUNCS } from "./defaults.ts";
import { DICT_FUNCS } from "./dicts.ts";
import { ENCODING_FUNCS } from "./encoding.ts";
import { JSON_FUNCS } from "./json.ts";
import { LIST_FUNCS } from "./lists.ts";
import { MATH_FUNCS } from "./math.ts";
import { RANDOM_FUNCS } from "./random.ts";
import { REGEX_FUNCS } from "./regex.ts";
import { STRING_FUNCS } from "./strings.ts";

export { timeMethod } from "./dates.ts";

export const SPRIG_FUNCS: Readonly<Record<string, FuncDef>> = {
  ...STRING_FUNCS,
  ...CASE_FUNCS,
  ...LIST_FUNCS,
  ...DICT_FUNCS,
  ...MATH_FUNCS,
  ...ENCODING_FUNCS,
  ...JSON_FUNCS,
  ...REGEX_FUNCS,
  ...DATE_FUNCS,
  ...DEFAULT_FUNCS,
  ...RANDOM_FUNCS,
};
