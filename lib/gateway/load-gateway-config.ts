/**
 * The loader moved to lib/config/load-gateway-config. These re-exports remain only for the modules
 * that still import the types from here (exec-context, build-log-row, demo/simulate-request and
 * their tests); delete this file once they import from lib/config.
 */
export type { GatewayConfig, GatewayKey } from "../config/load-gateway-config";
