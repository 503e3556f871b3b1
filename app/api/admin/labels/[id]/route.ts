import { z } from "zod";
import { withRoute } from "@/lib/auth/with-route";
import { AppError } from "@/lib/http/app-error";
import { undoLabel } from "@/lib/labeling/undo-label";

/** Undo: deletes your own recent label and hands its request back to you (`{ item }`). */
export const DELETE = withRoute<{ id: string }>({ permission: "labels:write" }, async (_req, { session, params }) => {
  if (!z.uuid().safeParse(params.id).success) throw new AppError("not_found", "No such label.");
  return undoLabel(session.user.id, params.id);
});
