// Plugs the sync engine (src/sync) into the app once the device is open. Until the engine module
// exists in the build this stays a no-op, and tests stay on the device.
export function startSync(): void {
  /* wired in when src/sync/client.ts lands */
}
