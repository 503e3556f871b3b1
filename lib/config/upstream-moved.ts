/**
 * When a tier's stored secrets must go: a key entered for one address is never sent to another.
 * Whoever changes a tier's base URL (console, PATCH /api/admin/tiers/:name, `config apply`)
 * enters the key again in the same change, or the tier is left without one. Otherwise anyone
 * allowed to edit tiers could point a tier at a host of their choosing and receive the key there
 * (the connection test or the gateway would send it). Any textual change counts, even one that
 * names the same host differently: better a key entered once more than one sent astray.
 */
export function movesUpstream(storedBaseUrl: string | null | undefined, nextBaseUrl: string | null | undefined): boolean {
  return (storedBaseUrl ?? null) !== (nextBaseUrl ?? null);
}
