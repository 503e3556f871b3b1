import { fromWebRequest, toWebResponse } from "@/lib/gateway/gateway-io";
import { handleModels } from "@/lib/gateway/handle-route-and-models";
import { openAiErrorResponse } from "@/lib/gateway/openai-errors";

export const dynamic = "force-dynamic";

/** Same handler as the custom server's fast path (lib/server/fast-path.ts). */
export async function GET(req: Request) {
  try {
    return toWebResponse(await handleModels(await fromWebRequest(req)));
  } catch (error) {
    return toWebResponse(openAiErrorResponse(error));
  }
}
