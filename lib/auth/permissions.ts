/**
 * Who may do what: the one permission table. Checked on the server for every page and admin
 * route (requirePagePermission, withRoute); the UI only uses it to hide what would be refused.
 * Pure: safe to import from client components.
 */
export const ROLES = ["admin", "ops", "reviewer", "owner"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  ops: "Ops",
  reviewer: "Reviewer",
  owner: "Product owner",
};

export const PERMISSIONS = {
  "overview:view": ["admin", "ops", "reviewer", "owner"],
  "tiers:manage": ["admin", "ops"],
  "rules:manage": ["admin", "ops"],
  "policies:manage": ["admin", "owner"],
  "drift:view": ["admin", "ops", "owner"],
  "lab:use": ["admin", "ops", "owner"],
  "labels:write": ["admin", "reviewer"],
  "jobs:manage": ["admin", "ops"],
  "requests:view": ["admin", "ops", "reviewer"],
  "config:manage": ["admin", "ops"],
  "users:manage": ["admin"],
  "keys:manage": ["admin"],
  "alerts:manage": ["admin"],
  "health:view": ["admin", "ops"],
  "audit:read": ["admin", "ops"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Console pages that exist, in navigation order, with the permission each needs. */
export const NAV_ITEMS: ReadonlyArray<{ href: string; label: string; permission: Permission }> = [
  { href: "/overview", label: "Overview", permission: "overview:view" },
  { href: "/drift", label: "Drift", permission: "drift:view" },
  { href: "/lab", label: "Lab", permission: "lab:use" },
  { href: "/requests", label: "Requests", permission: "requests:view" },
  { href: "/labeling", label: "Labeling", permission: "labels:write" },
  { href: "/tiers", label: "Tiers", permission: "tiers:manage" },
  { href: "/rules", label: "Rules", permission: "rules:manage" },
  { href: "/policies", label: "Policies", permission: "policies:manage" },
  { href: "/jobs", label: "Jobs", permission: "jobs:manage" },
  { href: "/upstreams", label: "Upstreams", permission: "health:view" },
  { href: "/alerts", label: "Alerts", permission: "alerts:manage" },
  { href: "/users", label: "Users", permission: "users:manage" },
  { href: "/keys", label: "API keys", permission: "keys:manage" },
  { href: "/audit", label: "Audit log", permission: "audit:read" },
];

export function navFor(role: Role) {
  return NAV_ITEMS.filter((item) => can(role, item.permission));
}
