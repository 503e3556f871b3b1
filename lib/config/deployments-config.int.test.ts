import { beforeAll, describe, expect, it } from "vitest";
import { PATCH as patchRoute } from "../../app/api/admin/tiers/[name]/route";
import { GET as listRoute, POST as createRoute } from "../../app/api/admin/tiers/route";
import { POST as revertRoute } from "../../app/api/admin/audit/[id]/revert/route";
import { GET as exportRoute } from "../../app/api/admin/config/route";
import { POST as signInRoute } from "../../app/api/auth/sign-in/route";
import { listAudit } from "../db/audit-repo";
import { readTierSecrets } from "../db/config-repo";
import { db } from "../db/prisma";
import { TEST_ACTOR } from "../testing/gateway-harness";
import { cookieFrom, jsonRequest, makeUser, routeParams } from "../testing/requests";
import { applyConfig } from "./apply-config";

// A tier's deployments through the admin API and config as code: validated with field paths,
// keys write-only (encrypted, hinted, never returned or exported), kept per deployment while its base URL stays.
const EU_KEY = "sk-deployment-eu-secret-Eu01";
const US_KEY = "sk-deployment-us-secret-Us02";
const create = (body: unknown, cookie: string) => createRoute(jsonRequest("POST", "/api/admin/tiers", { body, cookie }));
const patch = (name: string, body: unknown, cookie: string) => patchRoute(jsonRequest("PATCH", `/api/admin/tiers/${name}`, { body, cookie }), routeParams({ name }));

let ops: string;

beforeAll(async () => {
  const user = await makeUser("ops");
  ops = cookieFrom(await signInRoute(jsonRequest("POST", "/api/auth/sign-in", { body: { email: user.email, password: user.password } })));
});

const tier = (deployments: unknown[]) => ({ name: "dc-pooled", provider: "openai", model: "m", inputUsdPerMTok: 1, outputUsdPerMTok: 1, deployments });

describe("tier deployments in the admin API and config as code", () => {
  it("refuses duplicate names, a bad URL and a weight below 1 with field paths, saving nothing", async () => {
    const res = await create(tier([{ name: "eu", baseUrl: "https://eu.example/v1" }, { name: "eu", baseUrl: "eu.example", weight: 0 }]), ops);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: "deployments.1.name", message: 'duplicate deployment name "eu"' },
        { path: "deployments.1.baseUrl", message: expect.stringContaining("http") },
        { path: "deployments.1.weight", message: expect.stringMatching(/at least 1/i) },
      ]),
    );
    expect(await db.tier.count({ where: { name: "dc-pooled" } })).toBe(0);
  });

  it("stores deployment keys encrypted, shows only hints, and never returns or exports them", async () => {
    const res = await create(tier([{ name: "eu", baseUrl: "https://eu.example/v1", apiKey: EU_KEY, weight: 3, region: "eu-west" }, { name: "us", baseUrl: "https://us.example/v1", apiKey: US_KEY }]), ops);
    const text = await res.text();
    expect(res.status).toBe(201);
    expect(text).not.toContain(EU_KEY);
    expect(JSON.parse(text).tier).toMatchObject({ deployments: [{ name: "eu", weight: 3, region: "eu-west" }, { name: "us", weight: 1 }], deploymentKeyHints: { eu: "…Eu01", us: "…Us02" } });
    expect((await readTierSecrets()).get("dc-pooled")?.deploymentKeys).toEqual({ eu: EU_KEY, us: US_KEY });
    const [stored] = await db.$queryRaw<Array<{ deploymentKeys: string }>>`SELECT "deploymentKeys" FROM "ProviderCredential" WHERE name = 'tier:dc-pooled'`;
    expect(stored!.deploymentKeys.length).toBeGreaterThan(20);
    expect(stored!.deploymentKeys).not.toContain(EU_KEY);
    for (const body of [await (await listRoute(jsonRequest("GET", "/api/admin/tiers", { cookie: ops }))).text(), await (await exportRoute(jsonRequest("GET", "/api/admin/config", { cookie: ops }))).text()]) {
      expect(body).not.toContain(EU_KEY);
      expect(body).not.toContain(US_KEY);
    }
    const [entry] = await listAudit({ targetType: "tier", targetId: "dc-pooled" });
    expect(JSON.stringify([entry!.before, entry!.after])).not.toContain(EU_KEY);
  });

  it("config apply round-trips the export (keys kept); a moved or removed deployment loses its key", async () => {
    expect((await create({ ...tier([]), name: "dc-plain", baseUrl: "https://plain.example/v1" }, ops)).status).toBe(201);
    const exported = await (await exportRoute(jsonRequest("GET", "/api/admin/config", { cookie: ops }))).json();
    expect(exported.tiers.find((t: { name: string }) => t.name === "dc-plain")).not.toHaveProperty("deployments");
    const mine = exported.tiers.find((t: { name: string }) => t.name === "dc-pooled");
    expect(mine.deployments).toEqual([{ name: "eu", baseUrl: "https://eu.example/v1", weight: 3, region: "eu-west" }, { name: "us", baseUrl: "https://us.example/v1", weight: 1 }]);
    await applyConfig({ tiers: [mine] }, { actor: TEST_ACTOR, can: () => true });
    expect((await readTierSecrets()).get("dc-pooled")?.deploymentKeys).toEqual({ eu: EU_KEY, us: US_KEY });
    // PATCH: us moves (its key goes), eu stays with a new weight (its key stays)
    const moved = await patch("dc-pooled", { deployments: [{ name: "eu", baseUrl: "https://eu.example/v1", weight: 5 }, { name: "us", baseUrl: "https://us-new.example/v1" }] }, ops);
    expect(moved.status).toBe(200);
    expect((await moved.json()).tier.deploymentKeyHints).toEqual({ eu: "…Eu01" });
    expect((await readTierSecrets()).get("dc-pooled")?.deploymentKeys).toEqual({ eu: EU_KEY });
    // removing eu drops its key; with none left the credential goes
    await patch("dc-pooled", { deployments: [{ name: "us", baseUrl: "https://us-new.example/v1" }] }, ops);
    expect((await readTierSecrets()).has("dc-pooled")).toBe(false);
    const bad = await patch("dc-pooled", { deployments: [{ name: "us", baseUrl: "https://us-new.example/v1", weight: 1.5 }] }, ops);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe("deployments.0.weight");
  });

  it("an audited weight change reverts (keys kept); a change that dropped a deployment key does not", async () => {
    await create({ ...tier([{ name: "eu", baseUrl: "https://eu.example/v1", apiKey: EU_KEY }]), name: "dc-revert" }, ops);
    const changed = await patch("dc-revert", { deployments: [{ name: "eu", baseUrl: "https://eu.example/v1", weight: 4 }] }, ops);
    const { auditId } = await changed.json();
    const res = await revertRoute(jsonRequest("POST", `/api/admin/audit/${auditId}/revert`, { body: {}, cookie: ops }), routeParams({ id: auditId }));
    expect(res.status).toBe(200);
    expect((await db.tier.findUniqueOrThrow({ where: { name: "dc-revert" } })).deployments).toEqual([{ name: "eu", baseUrl: "https://eu.example/v1", weight: 1 }]);
    expect((await readTierSecrets()).get("dc-revert")?.deploymentKeys).toEqual({ eu: EU_KEY });
    const moved = await (await patch("dc-revert", { deployments: [{ name: "eu", baseUrl: "https://eu-new.example/v1" }] }, ops)).json();
    const refused = await revertRoute(jsonRequest("POST", `/api/admin/audit/${moved.auditId}/revert`, { body: {}, cookie: ops }), routeParams({ id: moved.auditId }));
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toMatch(/write-only/);
  });
});
