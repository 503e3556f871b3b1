import { handleModels } from "@/lib/gateway/handle-route-and-models";

export const dynamic = "force-dynamic";

export function GET(req: Request) {
  return handleModels(req);
}
