// Structured logs for the server side: JSON lines, one logger per process.
import pino from 'pino';
import { getConfig } from '@/lib/config/get-config';

function level(): string {
  try {
    const config = getConfig();
    return config.NODE_ENV === 'test' ? 'silent' : config.LOG_LEVEL;
  } catch {
    // A bad configuration is reported by start-up itself; logging must still work to say so.
    return 'info';
  }
}

export const logger = pino({
  level: level(),
  base: { service: 'berth' },
  redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-goog-iap-jwt-assertion"]'],
});

export type Logger = typeof logger;
