import { fromWebRequest, toWebResponse } from "@/lib/gateway/gateway-io";
import { handleResponses } from "@/lib/gateway/handle-responses";
import { openAiErrorResponse } from "@/lib/gateway/openai-errors";

export const dynamic = "force-dynamic";

/** Same handler as the custom server's fast path (lib/server/fast-path.ts). */
export async function POST(req: Request) {
  try {
    return toWebResponse(await handleResponses(await fromWebRequest(req)));
  } catch (error) {
    return toWebResponse(openAiErrorResponse(error));
  }
}
