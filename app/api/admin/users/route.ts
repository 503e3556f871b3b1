import { createUser } from "@/lib/auth/manage-users";
import { createUserSchema, listUsersQuerySchema } from "@/lib/auth/user-schemas";
import { withRoute } from "@/lib/auth/with-route";
import { listUsers } from "@/lib/db/user-repo";
import { parseBody, parseQuery } from "@/lib/http/parse-body";

export const GET = withRoute({ permission: "users:manage" }, async (req) => {
  const query = parseQuery(new URL(req.url), listUsersQuerySchema);
  const { items, total } = await listUsers(query);
  return { items, total, page: query.page, pageSize: query.pageSize };
});

export const POST = withRoute({ permission: "users:manage" }, async (req, { session }) => {
  const input = await parseBody(req, createUserSchema);
  const user = await createUser({ id: session.user.id, email: session.user.email }, input);
  return Response.json({ user }, { status: 201 });
});
