import { z } from "zod";
import { withRoute } from "@/lib/auth/with-route";
import { exportTraffic } from "@/lib/datasets/export-traffic";
import { parseQuery } from "@/lib/http/parse-body";

const query = z.object({
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  policy: z.string().trim().min(1).max(63).optional(),
});

/** Labeled and escalated traffic as outcomes JSONL (a download). */
export const GET = withRoute({ permission: "jobs:manage" }, async (req) => {
  const filters = parseQuery(new URL(req.url), query);
  const lines = exportTraffic(filters);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await lines.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
  });
  return new Response(body, {
    headers: { "content-type": "application/x-ndjson", "content-disposition": `attachment; filename="frontdesk-traffic-${new Date().toISOString().slice(0, 10)}.jsonl"` },
  });
});
