import { clearedSessionCookieHeader, isSecureRequest, readCookie, SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { signOut } from "@/lib/auth/sign-in";
import { withRoute } from "@/lib/auth/with-route";

export const POST = withRoute({ auth: "public" }, async (req) => {
  await signOut(readCookie(req.headers.get("cookie"), SESSION_COOKIE));
  return Response.json({ ok: true }, { headers: { "set-cookie": clearedSessionCookieHeader(isSecureRequest(req)) } });
});
