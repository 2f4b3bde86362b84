// Runs once when a Berth server process starts (not per request).
export async function register() {
  // NEXT_RUNTIME is Next's own marker of the server runtime, not a Berth setting.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startBerth } = await import('./lib/startup/start-berth');
    await startBerth();
  }
}
