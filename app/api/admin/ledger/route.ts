import { z } from "zod";
import { withRoute } from "@/lib/auth/with-route";
import { parseQuery } from "@/lib/http/parse-body";
import { getLedger, getLedgers } from "@/lib/lab/get-ledger";
import { rangeQuerySchema } from "@/lib/monitoring/time-range";

const policySchema = z.object({ policy: z.string().trim().min(1).max(63).optional() });

/** Is routing paying off: one policy's ledger (?policy=), or every policy's and the total. */
export const GET = withRoute({ permission: "overview:view" }, async (req) => {
  const url = new URL(req.url);
  const range = parseQuery(url, rangeQuerySchema);
  const { policy } = parseQuery(url, policySchema);
  return policy ? getLedger({ ...range, policy }) : getLedgers(range);
});
