/**
 * LISTEN frontdesk_config on a dedicated connection: every config change (committed with
 * notifyConfigChanged) reaches every gateway instance within milliseconds. When the connection
 * drops it reconnects with backoff and reports a "reconnect" change, so a reload covers any
 * notification missed meanwhile; the first connect reports "listening" for the same reason (an
 * instance that loaded its config just before it listened would miss a change made in between).
 */
import pg from "pg";

export type ConfigChange = { what: string; at?: number };

export function listenForConfigChanges(
  databaseUrl: string,
  onChange: (change: ConfigChange) => void,
  log: (line: string) => void = () => {},
): { close(): Promise<void> } {
  let client: pg.Client | null = null;
  let closed = false;
  let backoffMs = 250;
  let retry: NodeJS.Timeout | null = null;

  const connect = async (isReconnect: boolean) => {
    const c = new pg.Client({ connectionString: databaseUrl, keepAlive: true });
    c.on("notification", (msg) => {
      try {
        onChange(JSON.parse(msg.payload ?? "{}") as ConfigChange);
      } catch {
        onChange({ what: "unknown" });
      }
    });
    c.on("error", () => {}); // handled by 'end'
    c.on("end", () => {
      if (closed || client !== c) return;
      client = null;
      scheduleReconnect();
    });
    try {
      await c.connect();
      await c.query("LISTEN frontdesk_config");
      if (closed) return void (await c.end().catch(() => {}));
      client = c;
      backoffMs = 250;
      if (isReconnect) log("config listener reconnected");
      // on the first connect too: a change committed between the caller's first load and LISTEN is not lost
      onChange({ what: isReconnect ? "reconnect" : "listening" });
    } catch {
      await c.end().catch(() => {});
      scheduleReconnect();
    }
  };

  const scheduleReconnect = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect(true);
    }, backoffMs);
    retry.unref?.();
    backoffMs = Math.min(10_000, backoffMs * 2);
  };

  void connect(false);
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => {});
      client = null;
    },
  };
}
