/** The error a failed execution reports to the client: the upstream's own, or why none was tried. */
import type { Failure } from "../../routing/execution/types";

export function failureError(failure: Failure | null): unknown {
  return failure ? (failure.raw ?? new Error(failure.message)) : new Error("no tier could be tried");
}
