import { describe, expect, it } from "vitest";
import { parseClincJson, parseCsv, parseDomains, parseIntentCsv } from "./parse-intent-data";

describe("intent data parsers", () => {
  it("joins CLINC150's in-scope and out-of-scope splits", () => {
    const json = JSON.stringify({ train: [["hi", "greet"]], oos_train: [["?", "oos"]], val: [["yo", "greet"]], oos_val: [], test: [["hey", "greet"]], oos_test: [["x", "oos"]] });
    const d = parseClincJson(json);
    expect(d.train).toEqual([{ text: "hi", intent: "greet" }, { text: "?", intent: "oos" }]);
    expect(d.val).toEqual([{ text: "yo", intent: "greet" }]);
    expect(d.test).toHaveLength(2);
    expect(() => parseClincJson(JSON.stringify({ train: [["only text"]] }))).toThrow(/train\[0\]/);
  });

  it("inverts domains.json", () => {
    expect(parseDomains(JSON.stringify({ travel: ["book_flight", "lost_luggage"] }))).toEqual({ book_flight: "travel", lost_luggage: "travel" });
  });

  it("parses RFC 4180 CSV with quotes, escaped quotes, commas and CRLF", () => {
    expect(parseCsv('a,b\r\n"x, ""y""",z\n')).toEqual([["a", "b"], ['x, "y"', "z"]]);
    expect(parseIntentCsv('text,category\n"Where is it, my card?",card_arrival\nhello,greet')).toEqual([
      { text: "Where is it, my card?", intent: "card_arrival" },
      { text: "hello", intent: "greet" },
    ]);
    expect(() => parseIntentCsv("a,b\n1,2")).toThrow(/header/);
  });
});
