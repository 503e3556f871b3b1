import { fromWebRequest, toWebResponse } from "@/lib/gateway/gateway-io";
import { handleCountTokens } from "@/lib/gateway/handle-messages";
import { anthropicErrorResponse } from "@/lib/gateway/inbound/anthropic-errors";

export const dynamic = "force-dynamic";

/** Same handler as the custom server's fast path (lib/server/fast-path.ts). */
export async function POST(req: Request) {
  try {
    return toWebResponse(await handleCountTokens(await fromWebRequest(req)));
  } catch (error) {
    return toWebResponse(anthropicErrorResponse(error));
  }
}
