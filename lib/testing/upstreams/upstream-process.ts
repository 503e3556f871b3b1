// Child-process entry of spawnUpstream(): starts one upstream test server and reports its port
// over IPC. Run with `node --import tsx`; options arrive as JSON in argv[3].
import { startAnthropicUpstream } from "./anthropic-upstream";
import { startOpenAiUpstream } from "./openai-upstream";

const kind = process.argv[2];
const options = JSON.parse(process.argv[3] ?? "{}") as Record<string, unknown>;
const server = kind === "anthropic" ? await startAnthropicUpstream(options) : await startOpenAiUpstream(options);
process.send?.({ port: server.port, url: server.url });
process.on("message", (message: { type?: string; spec?: string }) => {
  if (message.type === "behavior") server.setDefaultBehavior(message.spec);
});
process.on("disconnect", () => void server.close().then(() => process.exit(0)));
