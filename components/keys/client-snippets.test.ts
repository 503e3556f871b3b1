import { describe, expect, it } from "vitest";
import { clientSnippets, gatewayUrls } from "./client-snippets";

describe("client snippets", () => {
  it("point each client at this origin's gateway path", () => {
    expect(gatewayUrls("https://llm.example.com/")).toEqual({ openai: "https://llm.example.com/api/v1", anthropic: "https://llm.example.com/api" });
    const [openai, anthropic, curl] = clientSnippets("http://localhost:3000", "fd_abc");
    expect(openai!.code).toContain('new OpenAI({ baseURL: "http://localhost:3000/api/v1"');
    expect(anthropic!.code).toContain('new Anthropic({ baseURL: "http://localhost:3000/api"');
    expect(curl!.code).toContain("curl http://localhost:3000/api/v1/chat/completions");
    expect(curl!.code).toContain("Bearer fd_abc");
  });
});
