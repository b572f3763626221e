import { pino, type Logger as PinoLogger } from 'pino';
import type { LogLevel } from '../config/config.js';

/**
 * Structured JSON logs. Story text and personal data never go into a log line: log ids,
 * counts and states. The redact list is a second line of defence for fields that could
 * carry them if someone logs a whole object by mistake.
 */
export type Logger = PinoLogger;

const REDACTED_FIELDS = [
  'text',
  'title',
  'segments',
  'password',
  'receiptCode',
  'email',
  'pseudonym',
  'displayName',
  'req.headers.cookie',
  'req.headers.authorization',
  '*.text',
  '*.title',
  '*.segments',
  '*.password',
  '*.receiptCode',
];

export function createLogger(level: LogLevel, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'levd' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_FIELDS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
