import { describe, expect, it } from "vitest";
import { ALERT_KINDS } from "@/lib/alerts/alert-message";
import { parseCreateForm, parseEditForm, type ChannelFormValues } from "./channel-form";

const values = (over: Partial<ChannelFormValues> = {}): ChannelFormValues => ({
  name: "on-call",
  kind: "webhook",
  target: "https://hooks.example.com/x",
  secret: "0123456789abcdef",
  enabled: true,
  kinds: [...ALERT_KINDS],
  ...over,
});

describe("channel form", () => {
  it("stores every kind ticked as 'all' and refuses none", () => {
    expect(parseCreateForm(values())).toMatchObject({ ok: true, data: { kinds: [] } });
    expect(parseCreateForm(values({ kinds: ["breaker"] }))).toMatchObject({ ok: true, data: { kinds: ["breaker"] } });
    expect(parseCreateForm(values({ kinds: [] }))).toEqual({ ok: false, errors: { kinds: "Choose at least one kind of alert." } });
  });

  it("shows the server's messages per field", () => {
    const r = parseCreateForm(values({ target: "hooks.example.com", secret: "" }));
    expect(r).toEqual({ ok: false, errors: { target: "Enter a full URL, like https://hooks.example.com/frontdesk.", secret: "A webhook needs a signing secret (at least 16 characters)." } });
  });

  it("keeps the stored secret when editing with the field empty", () => {
    const r = parseEditForm(values({ secret: "" }));
    expect(r.ok && "secret" in r.data && r.data.secret !== undefined).toBe(false);
  });
});
