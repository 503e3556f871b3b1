/**
 * The answer of POST /api/v1/responses in OpenAI's Responses shapes, from the chat shape every
 * upstream is mapped to: a response object (message and function_call output items, output_text,
 * usage), or the streaming events response.created → response.output_item.added → deltas
 * (output_text / function_call_arguments) → *.done → response.completed (or .incomplete).
 */
import type { ChatCompletion, ChatCompletionChunk, FinishReason, Usage } from "../../providers/index";
import type { ResponsesRequest } from "./responses-request";
import { sseEvent, type EventWriter } from "./translate-sse";

type TextItem = { type: "message"; id: string; status: string; role: "assistant"; content: Array<{ type: "output_text"; text: string; annotations: []; logprobs: [] }> };
type CallItem = { type: "function_call"; id: string; call_id: string; name: string; arguments: string; status: string };
type OutputItem = TextItem | CallItem;

export type ResponseIds = { id: string; model: string; created: number };

const hex = (id: string) => id.replaceAll("-", "");

function status(finish: FinishReason | null) {
  if (finish === "length") return { status: "incomplete", incomplete_details: { reason: "max_output_tokens" } };
  if (finish === "content_filter") return { status: "incomplete", incomplete_details: { reason: "content_filter" } };
  return { status: "completed", incomplete_details: null };
}

/** The response object: `output` null while in progress (the created event), else the items. */
export function responseObject(r: ResponsesRequest, ids: ResponseIds, output: OutputItem[] | null, finish: FinishReason | null, usage?: Usage) {
  const done = output !== null;
  const text = (output ?? []).flatMap((i) => (i.type === "message" ? i.content.map((c) => c.text) : [])).join("");
  return {
    id: `resp_${hex(ids.id)}`,
    object: "response",
    created_at: ids.created,
    ...(done ? status(finish) : { status: "in_progress", incomplete_details: null }),
    error: null,
    model: ids.model,
    instructions: r.instructions ?? null,
    output: output ?? [],
    output_text: text,
    parallel_tool_calls: r.parallel_tool_calls ?? true,
    tool_choice: r.tool_choice ?? "auto",
    tools: r.tools ?? [],
    temperature: r.temperature ?? null,
    top_p: r.top_p ?? null,
    max_output_tokens: r.max_output_tokens ?? null,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: false,
    text: r.text ?? { format: { type: "text" } },
    truncation: "disabled",
    metadata: r.metadata ?? {},
    ...(r.user ? { user: r.user } : {}),
    usage: usage
      ? { input_tokens: usage.promptTokens, input_tokens_details: { cached_tokens: 0 }, output_tokens: usage.completionTokens, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: usage.promptTokens + usage.completionTokens }
      : null,
  };
}

const textItem = (id: string, text: string, status: string): TextItem => ({ type: "message", id, status, role: "assistant", content: [{ type: "output_text", text, annotations: [], logprobs: [] }] });

export function toResponse(r: ResponsesRequest, ids: ResponseIds, completion: ChatCompletion, usage: Usage) {
  const choice = completion.choices[0];
  const output: OutputItem[] = [];
  if (choice?.message.content) output.push(textItem(`msg_${hex(ids.id)}`, choice.message.content, "completed"));
  (choice?.message.tool_calls ?? []).forEach((call, i) => output.push({ type: "function_call", id: `fc_${hex(ids.id)}_${i}`, call_id: call.id, name: call.function.name, arguments: call.function.arguments, status: "completed" }));
  return responseObject(r, ids, output, choice?.finish_reason ?? null, usage);
}

/** Chat completion chunks → Responses streaming events. */
export class ResponsesEventWriter implements EventWriter {
  private seq = 0;
  private readonly output: OutputItem[] = [];
  private open: { item: OutputItem; tool?: number } | null = null;
  private finish: FinishReason | null = null;
  private usage: Usage = { promptTokens: 0, completionTokens: 0 };

  constructor(private readonly request: ResponsesRequest, private readonly ids: ResponseIds) {}

  private event(type: string, data: object): string {
    return sseEvent(type, { type, sequence_number: this.seq++, ...data });
  }

  start(): string {
    const response = responseObject(this.request, this.ids, null, null);
    return this.event("response.created", { response }) + this.event("response.in_progress", { response });
  }

  private close(): string {
    if (!this.open) return "";
    const { item } = this.open;
    const output_index = this.output.indexOf(item);
    this.open = null;
    item.status = "completed";
    let out = "";
    if (item.type === "message") {
      const part = item.content[0]!;
      out += this.event("response.output_text.done", { item_id: item.id, output_index, content_index: 0, text: part.text, logprobs: [] });
      out += this.event("response.content_part.done", { item_id: item.id, output_index, content_index: 0, part });
    } else out += this.event("response.function_call_arguments.done", { item_id: item.id, output_index, name: item.name, arguments: item.arguments });
    return out + this.event("response.output_item.done", { output_index, item });
  }

  private add(item: OutputItem, tool?: number): string {
    const out = this.close();
    this.output.push(item);
    this.open = { item, tool };
    const output_index = this.output.length - 1;
    const added = this.event("response.output_item.added", { output_index, item: { ...item, ...(item.type === "message" ? { content: [] } : {}) } });
    if (item.type !== "message") return out + added;
    return out + added + this.event("response.content_part.added", { item_id: item.id, output_index, content_index: 0, part: { type: "output_text", text: "", annotations: [], logprobs: [] } });
  }

  chunk(chunk: ChatCompletionChunk): string {
    let out = "";
    if (chunk.usage) this.usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
    const choice = chunk.choices?.[0];
    if (!choice) return out;
    const { content, tool_calls: calls } = choice.delta ?? {};
    const base = hex(this.ids.id);
    if (content) {
      if (this.open?.item.type !== "message") out += this.add(textItem(`msg_${base}_${this.output.length}`, "", "in_progress"));
      const item = this.open!.item as TextItem;
      item.content[0]!.text += content;
      out += this.event("response.output_text.delta", { item_id: item.id, output_index: this.output.length - 1, content_index: 0, delta: content, logprobs: [] });
    }
    for (const call of calls ?? []) {
      if (this.open?.tool !== call.index) {
        out += this.add({ type: "function_call", id: `fc_${base}_${this.output.length}`, call_id: call.id ?? "", name: call.function?.name ?? "", arguments: "", status: "in_progress" }, call.index);
      }
      const item = this.open!.item as CallItem;
      const delta = call.function?.arguments;
      if (delta) {
        item.arguments += delta;
        out += this.event("response.function_call_arguments.delta", { item_id: item.id, output_index: this.output.length - 1, delta });
      }
    }
    if (choice.finish_reason) this.finish = choice.finish_reason;
    return out;
  }

  end(): string {
    const out = this.close();
    const response = responseObject(this.request, this.ids, this.output, this.finish, this.usage);
    return out + this.event(response.status === "completed" ? "response.completed" : "response.incomplete", { response });
  }

  error(message: string): string {
    return this.event("error", { code: "upstream_stream_error", message, param: null });
  }
}
