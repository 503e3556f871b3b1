import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sourceHash } from "./build-if-needed";

const root = mkdtempSync(path.join(os.tmpdir(), "frontdesk-hash-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("sourceHash", () => {
  it("changes when a source file changes, not when a test file does", () => {
    mkdirSync(path.join(root, "app"), { recursive: true });
    writeFileSync(path.join(root, "app", "page.tsx"), "export default 1");
    const a = sourceHash(root);
    writeFileSync(path.join(root, "app", "page.test.tsx"), "test");
    expect(sourceHash(root)).toBe(a);
    writeFileSync(path.join(root, "app", "page.tsx"), "export default 2");
    expect(sourceHash(root)).not.toBe(a);
  });
});
