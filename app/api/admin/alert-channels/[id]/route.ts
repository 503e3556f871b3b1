import { updateChannelSchema } from "@/lib/alerts/channel-schemas";
import { changeAlertChannel, removeAlertChannel } from "@/lib/alerts/manage-alert-channels";
import { withRoute } from "@/lib/auth/with-route";
import { parseBody } from "@/lib/http/parse-body";

/** Renames, retargets, enables/disables a channel, changes its alert kinds or secret. */
export const PATCH = withRoute<{ id: string }>({ permission: "alerts:manage" }, async (req, { session, params }) => {
  const patch = await parseBody(req, updateChannelSchema);
  return { channel: await changeAlertChannel({ id: session.user.id, email: session.user.email }, params.id, patch) };
});

/** Deletes a channel and its delivery log. */
export const DELETE = withRoute<{ id: string }>({ permission: "alerts:manage" }, async (_req, { session, params }) => {
  await removeAlertChannel({ id: session.user.id, email: session.user.email }, params.id);
  return { ok: true };
});
