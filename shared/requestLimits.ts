// The bounds of the contract's file fields (shared/contract.ts builds its
// schemas from them), apart from zod: the command line's inspect checks its
// request against them without loading zod (main/cli/commands/inspect.ts).
export const FILE_PATH_MAX = 4096;
export const ENCODING_MAX = 40;
export const ENCODING_NAME = /^[A-Za-z0-9_.:-]+$/;
export const SHEET_NAME_MAX = 255;
