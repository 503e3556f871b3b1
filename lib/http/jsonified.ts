/**
 * A server value as the browser receives it through JSON: Dates become ISO strings, in objects
 * and arrays at any depth; everything else keeps its type. The console derives the answers of
 * /api/admin/* from the lib types with it instead of writing those shapes again.
 */
export type Jsonified<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Jsonified<T[K]> } : T;
