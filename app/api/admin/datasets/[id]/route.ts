import { z } from "zod";
import { withRoute } from "@/lib/auth/with-route";
import { recordAudit } from "@/lib/db/audit-repo";
import { deleteDataset } from "@/lib/db/dataset-repo";
import { AppError } from "@/lib/http/app-error";

export const DELETE = withRoute<{ id: string }>({ permission: "jobs:manage" }, async (_req, { session, params }) => {
  const { count } = z.uuid().safeParse(params.id).success ? await deleteDataset(params.id) : { count: 0 };
  if (!count) throw new AppError("not_found", "No such dataset.");
  await recordAudit({ id: session.user.id, email: session.user.email }, { action: "dataset.delete", targetType: "dataset", targetId: params.id });
  return { deleted: true };
});
