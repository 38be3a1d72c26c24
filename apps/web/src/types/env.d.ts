// Next's ambient types (CSS side-effect imports, image modules) without depending on the generated next-env.d.ts.
/// <reference types="next" />
/// <reference types="next/image-types/global" />
