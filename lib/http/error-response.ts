import { AppError } from "./app-error";

/** `{ error: { code, message, issues? } }` with the code's status; unknown errors → generic 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return Response.json(
      { error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } },
      { status: error.status, headers: error.headers },
    );
  }
  console.error("[frontdesk] unhandled error in route:", error);
  return Response.json({ error: { code: "internal", message: "Something went wrong on our side. It has been logged." } }, { status: 500 });
}
