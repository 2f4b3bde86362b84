// Structured logs for the server side: JSON lines in production, one logger per process.
import pino from 'pino';

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { service: 'berth' },
  redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-goog-iap-jwt-assertion"]'],
});

export type Logger = typeof logger;
