import { handleChatCompletion } from "@/lib/gateway/handle-chat-completion";

export const dynamic = "force-dynamic";

/** OpenAI-compatible chat completions (also served by the custom server's fast path). */
export function POST(req: Request) {
  return handleChatCompletion(req);
}
