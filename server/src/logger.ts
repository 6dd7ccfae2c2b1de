/** Minimal structured logger. Never pass it a token: `redact` strips them from URLs and texts. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const TOKEN_PATTERN = /((?:token|secret|key)=)[^&#\s"]+/gi;

/** Removes token-like query values and URL fragments (capability secrets) from a text. */
export function redact(text: string): string {
  return text.replace(TOKEN_PATTERN, '$1[redacted]').replace(/#[A-Za-z0-9_-]{16,}/g, '#[redacted]');
}

export function consoleLogger(level: 'info' | 'warn' | 'error' | 'silent' = 'info'): Logger {
  const order = { info: 0, warn: 1, error: 2, silent: 3 } as const;
  const write = (lvl: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => {
    if (order[lvl] < order[level]) return;
    const extra = fields ? ' ' + redact(JSON.stringify(fields, (_k, v) => (v instanceof Error ? v.stack ?? v.message : v))) : '';
    const line = `${new Date().toISOString()} ${lvl.toUpperCase()} ${redact(message)}${extra}`;
    if (lvl === 'info') console.log(line);
    else console.error(line);
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}
