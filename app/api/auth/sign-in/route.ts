import { isSecureRequest, sessionCookieHeader } from "@/lib/auth/session-cookie";
import { SIGN_IN_BODY_LIMIT_BYTES, signIn } from "@/lib/auth/sign-in";
import { signInSchema } from "@/lib/auth/user-schemas";
import { withRoute } from "@/lib/auth/with-route";
import { clientIpOf } from "@/lib/http/client-ip";
import { parseBody } from "@/lib/http/parse-body";

export const POST = withRoute({ auth: "public" }, async (req) => {
  const input = await parseBody(req, signInSchema, { limitBytes: SIGN_IN_BODY_LIMIT_BYTES });
  const { token, user, expiresAt } = await signIn(input, { userAgent: req.headers.get("user-agent") ?? undefined, ip: clientIpOf(req) });
  const maxAgeSeconds = Math.floor((expiresAt.getTime() - Date.now()) / 1000);
  return Response.json(
    { user },
    { headers: { "set-cookie": sessionCookieHeader(token, { secure: isSecureRequest(req), maxAgeSeconds }), "cache-control": "no-store" } },
  );
});
