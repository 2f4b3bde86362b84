// Stands in for the `server-only` guard when vitest imports lib/ outside Next's server bundle.
export {};
