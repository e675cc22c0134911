// A contract fixture: an answer (or request) shaped as an official reference documents it, written by hand
// from that reference and naming the file and version it follows. The client's parsers are tested on these
// answers, served over real sockets by the simulator, and the simulator's own answers are checked against them.

export interface ReferenceAnswer {
  /** What this answer shows, in a few words ("an order of an unknown type, a refund"). */
  readonly case: string;
  /** The reference it follows: repository, version and file (and the type or test in it). */
  readonly follows: string;
  /** The whole JSON body the service sends. */
  readonly body: unknown;
}

/** The official Qwen Cloud CLI, as read for these fixtures. */
export const CLI = 'QwenCloud/qwencloud-cli v1.3.0';
/** The official Alibaba Cloud TypeScript SDK's ModelStudio 2026-02-10 client. */
export const MODELSTUDIO_SDK = 'aliyun/alibabacloud-typescript-sdk modelstudio-20260210';
