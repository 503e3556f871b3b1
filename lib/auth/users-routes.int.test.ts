import { beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute, POST as createRoute } from "../../app/api/admin/users/route";
import { PATCH as patchRoute } from "../../app/api/admin/users/[id]/route";
import { POST as signInRoute } from "../../app/api/auth/sign-in/route";
import { listAudit } from "../db/audit-repo";
import { db } from "../db/prisma";
import { cookieFrom, jsonRequest, makeUser, routeParams } from "../testing/requests";

async function cookieOf(user: { email: string; password: string }) {
  return cookieFrom(await signInRoute(jsonRequest("POST", "/api/auth/sign-in", { body: { email: user.email, password: user.password } })));
}

const patch = (id: string, body: unknown, cookie: string) => patchRoute(jsonRequest("PATCH", `/api/admin/users/${id}`, { body, cookie }), routeParams({ id }));

let admin: Awaited<ReturnType<typeof makeUser>>;
let adminCookie: string;

beforeAll(async () => {
  admin = await makeUser("admin");
  adminCookie = await cookieOf(admin);
});

describe("users admin API", () => {
  it("lets an admin create a user, and refuses a duplicate email with 409", async () => {
    const body = { email: "New.Person@Example.com", name: "New Person", role: "reviewer", password: "long-enough-1" };
    const res = await createRoute(jsonRequest("POST", "/api/admin/users", { body, cookie: adminCookie }));
    expect(res.status).toBe(201);
    const { user } = await res.json();
    expect(user).toMatchObject({ email: "new.person@example.com", role: "reviewer", disabled: false });
    expect(user).not.toHaveProperty("passwordHash");
    const again = await createRoute(jsonRequest("POST", "/api/admin/users", { body, cookie: adminCookie }));
    expect(again.status).toBe(409);
    const audit = await listAudit({ targetType: "user", targetId: user.id });
    expect(audit.map((a) => a.action)).toEqual(["user.create"]);
    expect(audit[0]!.actorEmail).toBe(admin.email);
  });

  it("validates input field by field and writes nothing on a bad request", async () => {
    const before = await db.user.count();
    const res = await createRoute(
      jsonRequest("POST", "/api/admin/users", { body: { email: "not-an-email", role: "superuser", password: "short" }, cookie: adminCookie }),
    );
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["email", "password", "role"]);
    expect(await db.user.count()).toBe(before);
  });

  it("lists users with pagination and search, without password hashes", async () => {
    const res = await listRoute(jsonRequest("GET", "/api/admin/users?page=1&pageSize=2", { cookie: adminCookie }));
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page.items.length).toBeLessThanOrEqual(2);
    expect(page.total).toBeGreaterThanOrEqual(page.items.length);
    expect(JSON.stringify(page)).not.toContain("scrypt$");
    const bad = await listRoute(jsonRequest("GET", "/api/admin/users?pageSize=1000", { cookie: adminCookie }));
    expect(bad.status).toBe(400);
  });

  it("records a role change with before and after in the audit log", async () => {
    const target = await makeUser("reviewer");
    const res = await patch(target.id, { role: "ops" }, adminCookie);
    expect(res.status).toBe(200);
    expect((await res.json()).user.role).toBe("ops");
    const [entry] = await listAudit({ targetType: "user", targetId: target.id });
    expect(entry).toMatchObject({ action: "user.role_change", before: { role: "reviewer" }, after: { role: "ops" } });
  });

  it("disabling a user ends their sessions and blocks sign-in", async () => {
    const target = await makeUser("ops");
    const targetCookie = await cookieOf(target);
    expect((await patch(target.id, { disabled: true }, adminCookie)).status).toBe(200);
    const list = await listRoute(jsonRequest("GET", "/api/admin/users", { cookie: targetCookie }));
    expect(list.status).toBe(401);
    const signIn = await signInRoute(jsonRequest("POST", "/api/auth/sign-in", { body: { email: target.email, password: target.password } }));
    expect(signIn.status).toBe(401);
  });

  it("keeps at least one active admin and refuses self-disabling", async () => {
    const soleAdmins = await db.user.findMany({ where: { role: "admin", disabled: false }, select: { id: true } });
    for (const other of soleAdmins.filter((u) => u.id !== admin.id)) await db.user.update({ where: { id: other.id }, data: { disabled: true } });
    const demote = await patch(admin.id, { role: "ops" }, adminCookie);
    expect(demote.status).toBe(409);
    expect((await demote.json()).error.message).toMatch(/last active admin/);
    const disableSelf = await patch(admin.id, { disabled: true }, adminCookie);
    expect(disableSelf.status).toBe(409);
    expect((await db.user.findUnique({ where: { id: admin.id } }))!.role).toBe("admin");
  });

  it("answers 404 for an unknown user and 400 for an empty patch", async () => {
    expect((await patch("00000000-0000-7000-8000-000000000000", { role: "ops" }, adminCookie)).status).toBe(404);
    expect((await patch("not-a-uuid", { role: "ops" }, adminCookie)).status).toBe(404);
    expect((await patch(admin.id, {}, adminCookie)).status).toBe(400);
  });

  it("refuses non-admins (403) and anonymous callers (401)", async () => {
    const reviewerCookie = await cookieOf(await makeUser("reviewer"));
    expect((await listRoute(jsonRequest("GET", "/api/admin/users", { cookie: reviewerCookie }))).status).toBe(403);
    const create = await createRoute(
      jsonRequest("POST", "/api/admin/users", { body: { email: "x@example.com", role: "admin", password: "long-enough-1" }, cookie: reviewerCookie }),
    );
    expect(create.status).toBe(403);
    expect(await db.user.count({ where: { email: "x@example.com" } })).toBe(0);
    expect((await listRoute(jsonRequest("GET", "/api/admin/users"))).status).toBe(401);
  });

  it("refuses cross-site mutations even with a valid admin cookie", async () => {
    const res = await createRoute(
      jsonRequest("POST", "/api/admin/users", {
        body: { email: "csrf@example.com", role: "admin", password: "long-enough-1" },
        cookie: adminCookie,
        origin: "https://evil.example",
      }),
    );
    expect(res.status).toBe(403);
    expect(await db.user.count({ where: { email: "csrf@example.com" } })).toBe(0);
  });
});
