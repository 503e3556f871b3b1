/** Ready-to-paste client code for a new key: the gateway's base URLs and one snippet per client. */
export type ClientSnippet = { value: string; label: string; code: string };

export function gatewayUrls(origin: string) {
  const root = origin.replace(/\/+$/, "");
  return { openai: `${root}/api/v1`, anthropic: `${root}/api` };
}

export function clientSnippets(origin: string, key: string): ClientSnippet[] {
  const urls = gatewayUrls(origin);
  return [
    {
      value: "openai",
      label: "OpenAI SDK",
      code: `import OpenAI from "openai";

// FRONTDESK_KEY=${key}
const client = new OpenAI({ baseURL: "${urls.openai}", apiKey: process.env.FRONTDESK_KEY });
const res = await client.chat.completions.create({
  model: "frontdesk/auto",
  messages: [{ role: "user", content: "Hello" }],
});
console.log(res.choices[0].message.content);`,
    },
    {
      value: "anthropic",
      label: "Anthropic SDK",
      code: `import Anthropic from "@anthropic-ai/sdk";

// FRONTDESK_KEY=${key}
const client = new Anthropic({ baseURL: "${urls.anthropic}", apiKey: process.env.FRONTDESK_KEY });
const msg = await client.messages.create({
  model: "frontdesk/auto",
  max_tokens: 512,
  messages: [{ role: "user", content: "Hello" }],
});
console.log(msg.content);`,
    },
    {
      value: "curl",
      label: "curl",
      code: `curl ${urls.openai}/chat/completions \\
  -H "Authorization: Bearer ${key}" \\
  -H "Content-Type: application/json" \\
  -d '{"model": "frontdesk/auto", "messages": [{"role": "user", "content": "Hello"}]}'`,
    },
  ];
}
