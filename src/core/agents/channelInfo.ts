// The local channel between the running extension and the MCP server: what the extension writes to its
// channel file (readable by the user only) and what the server reads from it. Holds no credential of the
// account: a port on 127.0.0.1 and a random token that only opens this extension's read-only answers.

/** The channel file's name, in the extension's global storage folder. */
export const CHANNEL_FILE = 'agent-channel.json';
/** The environment variable that names the channel file (set for the server VS Code starts). */
export const CHANNEL_ENV = 'QCM_AGENT_CHANNEL';
/** The one path the channel serves. */
export const CHANNEL_PATH = '/v1/agent-data';

export interface ChannelInfo {
  readonly version: 1;
  readonly port: number;
  /** 32 random bytes, hex: sent as `Authorization: Bearer …`. */
  readonly token: string;
  /** The extension host's process id, for a person reading the file. */
  readonly pid: number;
}

export function isChannelInfo(value: unknown): value is ChannelInfo {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const v = value as Record<string, unknown>;
  return (
    v.version === 1 &&
    typeof v.port === 'number' &&
    Number.isInteger(v.port) &&
    v.port > 0 &&
    v.port < 65536 &&
    typeof v.token === 'string' &&
    /^[0-9a-f]{64}$/.test(v.token) &&
    typeof v.pid === 'number'
  );
}
