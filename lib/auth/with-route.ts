/**
 * The wrapper every console/admin route handler goes through:
 *   export const POST = withRoute({ permission: "users:manage" }, async (req, { session }) => …)
 * It refuses cross-site mutations, resolves the session and checks the permission on the
 * server, and turns thrown errors into JSON: AppError → its status, anything else → 500.
 * It lives with the sessions it resolves; lib/http below it keeps the pieces it is made of.
 */
import { AppError } from "../http/app-error";
import { errorResponse } from "../http/error-response";
import { isCrossSiteMutation } from "../http/same-origin";
import { can, type Permission } from "./permissions";
import { sessionFromRequest, type Session } from "./sessions";

type PublicOptions = { auth: "public" };
type SessionOptions = { auth?: "session"; permission?: Permission };

type Context<P> = { req: Request; session: Session | null; params: P };
type AuthedContext<P> = { req: Request; session: Session; params: P };
type RouteHandler<P> = (req: Request, routeContext?: { params: Promise<P> }) => Promise<Response>;

export function withRoute<P = Record<string, string>>(options: PublicOptions, handler: (req: Request, ctx: Context<P>) => Promise<unknown>): RouteHandler<P>;
export function withRoute<P = Record<string, string>>(options: SessionOptions, handler: (req: Request, ctx: AuthedContext<P>) => Promise<unknown>): RouteHandler<P>;
export function withRoute<P>(
  options: PublicOptions | SessionOptions,
  handler: (req: Request, ctx: AuthedContext<P>) => Promise<unknown>,
): RouteHandler<P> {
  return async (req, routeContext) => {
    try {
      if (isCrossSiteMutation(req)) throw new AppError("forbidden", "Cross-site request refused.");
      let session: Session | null = null;
      if (options.auth !== "public") {
        session = await sessionFromRequest(req);
        if (!session) throw new AppError("unauthorized", "Sign in first.");
        const { permission } = options as SessionOptions;
        if (permission && !can(session.user.role, permission)) throw new AppError("forbidden", "Your role does not allow this.");
      }
      const params = (routeContext ? await routeContext.params : {}) as P;
      const result = await handler(req, { req, session: session as Session, params });
      if (result instanceof Response) return result;
      return Response.json(result ?? { ok: true });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
