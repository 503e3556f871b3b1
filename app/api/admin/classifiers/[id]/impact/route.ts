import { z } from "zod";
import { withRoute } from "@/lib/auth/with-route";
import { AppError } from "@/lib/http/app-error";
import { promotionImpact } from "@/lib/lab/promotion-impact";

/** What promoting this version would change at the policy's saved bias and current volume: cost and quality, before → after. */
export const GET = withRoute<{ id: string }>({ permission: "jobs:manage" }, async (_req, { params }) => {
  if (!z.uuid().safeParse(params.id).success) throw new AppError("not_found", "No such classifier version.");
  return promotionImpact(params.id);
});
