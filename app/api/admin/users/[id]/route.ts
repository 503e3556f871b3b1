import { z } from "zod";
import { updateUser } from "@/lib/auth/manage-users";
import { updateUserSchema } from "@/lib/auth/user-schemas";
import { withRoute } from "@/lib/auth/with-route";
import { AppError } from "@/lib/http/app-error";
import { parseBody } from "@/lib/http/parse-body";

export const PATCH = withRoute<{ id: string }>({ permission: "users:manage" }, async (req, { session, params }) => {
  if (!z.uuid().safeParse(params.id).success) throw new AppError("not_found", "No such user.");
  const patch = await parseBody(req, updateUserSchema);
  const user = await updateUser({ id: session.user.id, email: session.user.email }, params.id, patch);
  return { user };
});
