"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/config/confirm-dialog";
import { Button } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { ChannelDialog } from "./channel-dialog";
import { ChannelsTable } from "./channels-table";
import { DeliveriesTable } from "./deliveries-table";
import { useChannels, useDeleteChannel, useDeliveries, useSendTest, type ChannelRow, type TestResult } from "./use-alert-channels";

export function AlertsManager() {
  const channels = useChannels();
  const [page, setPage] = useState(1);
  const [channelFilter, setChannelFilter] = useState("");
  const deliveries = useDeliveries(page, channelFilter);
  const sendTest = useSendTest();
  const remove = useDeleteChannel();
  const [dialog, setDialog] = useState<{ channel: ChannelRow | null } | null>(null);
  const [deleting, setDeleting] = useState<ChannelRow | null>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const [results, setResults] = useState<Record<string, TestResult | { ok: false; error: string }>>({});

  async function test(c: ChannelRow) {
    setTesting(c.id);
    try {
      const result = await sendTest.mutateAsync(c.id);
      setResults((r) => ({ ...r, [c.id]: result }));
    } catch (error) {
      setResults((r) => ({ ...r, [c.id]: { ok: false, error: error instanceof Error ? error.message : "the request failed" } }));
    } finally {
      setTesting(null);
    }
  }

  const add = <Button onClick={() => setDialog({ channel: null })}>Add channel</Button>;
  return (
    <div className="space-y-8">
      <section aria-labelledby="channels-heading" className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="channels-heading" className="text-base font-semibold text-slate-900">
            Channels
          </h2>
          {add}
        </div>
        {channels.isPending ? (
          <LoadingRows label="Loading channels" />
        ) : channels.isError ? (
          <ErrorState message={channels.error.message} onRetry={() => channels.refetch()} />
        ) : channels.data.channels.length === 0 ? (
          <EmptyState title="No alert channels yet" action={add}>
            Add a webhook, a Slack incoming webhook or email addresses, and Frontdesk tells them when drift thresholds fire, a breaker opens, a tier&apos;s error
            rate spikes, a key reaches its budget or a retraining job fails.
          </EmptyState>
        ) : (
          <ChannelsTable channels={channels.data.channels} testing={testing} results={results} onTest={test} onEdit={(c) => setDialog({ channel: c })} onDelete={setDeleting} />
        )}
      </section>
      <section aria-labelledby="deliveries-heading" className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="deliveries-heading" className="text-base font-semibold text-slate-900">
            Delivery log
          </h2>
          {channels.data && channels.data.channels.length > 1 && (
            <FilterSelect
              label="Channel"
              value={channelFilter}
              onChange={(v) => {
                setChannelFilter(v);
                setPage(1);
              }}
              options={channels.data.channels.map((c) => ({ value: c.id, label: c.name }))}
              allLabel="All channels"
              width="w-48"
            />
          )}
        </div>
        {deliveries.isPending ? (
          <LoadingRows label="Loading the delivery log" />
        ) : deliveries.isError ? (
          <ErrorState message={deliveries.error.message} onRetry={() => deliveries.refetch()} />
        ) : deliveries.data.items.length === 0 ? (
          <EmptyState title="Nothing sent yet">Alerts and tests sent to your channels are listed here, with whether they arrived.</EmptyState>
        ) : (
          <>
            <DeliveriesTable items={deliveries.data.items} />
            <Pagination page={page} pageSize={deliveries.data.pageSize} total={deliveries.data.total} onPage={setPage} />
          </>
        )}
      </section>
      <ChannelDialog open={!!dialog} channel={dialog?.channel ?? null} onClose={() => setDialog(null)} />
      <ConfirmDialog
        open={!!deleting}
        title={`Delete ${deleting?.name ?? "channel"}?`}
        confirmLabel="Delete channel"
        tone="danger"
        onConfirm={() => remove.mutateAsync(deleting!.id)}
        onClose={() => setDeleting(null)}
      >
        <p>Alerts stop going to this channel, and its delivery log is deleted with it. To pause it instead, edit it and untick Enabled.</p>
      </ConfirmDialog>
    </div>
  );
}
