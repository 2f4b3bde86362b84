// The Cloud Logging API's own .proto files, as shipped with the client library, loaded for
// @grpc/grpc-js: the sandbox speaks exactly the wire format the real client expects.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/** Where logging.proto (from @google-cloud/logging-api) and its google/api, google/rpc imports (from google-gax) live. */
export function loggingProtoDirs(): string[] {
  // Resolved from the working directory (the repository root for npm scripts, vitest and the
  // sandbox main), so the same code works under tsx (CommonJS) and vitest (ESM).
  const require = createRequire(path.join(process.cwd(), 'package.json'));
  const loggingApi = path.join(path.dirname(require.resolve('@google-cloud/logging-api')), '..', 'protos');
  const gax = path.join(path.dirname(require.resolve('google-gax')), '..', 'protos');
  for (const [dir, file] of [
    [loggingApi, 'google/logging/v2/logging.proto'],
    [gax, 'google/api/annotations.proto'],
  ]) {
    if (!fs.existsSync(path.join(dir, file))) {
      throw new Error(`Cannot find ${file} under ${dir}: is @google-cloud/logging installed (npm ci)?`);
    }
  }
  return [loggingApi, gax];
}

export interface LoggingProto {
  /** google.logging.v2.LoggingServiceV2 */
  service: grpc.ServiceDefinition;
  /** Its client constructor (tests use it to call the server without the client library). */
  Client: grpc.ServiceClientConstructor;
}

let cached: LoggingProto | undefined;

export function loadLoggingProto(): LoggingProto {
  if (cached) return cached;
  const definition = protoLoader.loadSync('google/logging/v2/logging.proto', {
    includeDirs: loggingProtoDirs(),
    keepCase: false,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const root = grpc.loadPackageDefinition(definition) as unknown as {
    google: { logging: { v2: { LoggingServiceV2: grpc.ServiceClientConstructor } } };
  };
  const Client = root.google.logging.v2.LoggingServiceV2;
  cached = { service: Client.service, Client };
  return cached;
}
