// The benchmarks import lib/ outside Next's server bundle, like the unit tests do: `server-only`
// (which throws unless bundled for React Server Components) resolves to the tests' empty stub.
// Node's `react-server` condition would do it too, but it also swaps React for its server build,
// which the route handlers' imports (next/navigation) cannot load.
import Module from 'node:module';
import path from 'node:path';

type ResolveFilename = (request: string, ...rest: unknown[]) => string;

const loader = Module as unknown as { _resolveFilename: ResolveFilename };
const resolve = loader._resolveFilename;
const stub = path.join(process.cwd(), 'lib', 'testing', 'server-only-stub.ts');

loader._resolveFilename = function resolveServerOnly(this: unknown, request: string, ...rest: unknown[]): string {
  return request === 'server-only' ? stub : resolve.call(this, request, ...rest);
};
