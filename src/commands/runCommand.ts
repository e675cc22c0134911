import * as vscode from 'vscode';
import { Commands } from '../constants';
import { type AuthReason, authReasonOf, hasKind, isQwenCloudError, RateLimitedError } from '../core/account/errors';
import { formatTime } from '../core/common/format';
import type { Logger } from '../core/common/logger';

/** A refused credential, named, with its fix. */
function describeRefusal(reason: AuthReason, message: string): string {
  switch (reason) {
    case 'permission':
      // The message names what to grant (a RAM action and policy, or access to billing): that is the fix.
      return vscode.l10n.t('Your credentials work, but lack a permission for this: {0}', message);
    case 'clock':
      return vscode.l10n.t('Alibaba Cloud refused the request time: this computer\'s clock is more than 15 minutes off. Correct the clock; the extension tries again by itself.');
    case 'accessKey':
      return vscode.l10n.t('Alibaba Cloud refused the AccessKey. Set it again with "Set Alibaba Cloud AccessKey".');
    case 'session':
      return vscode.l10n.t('Your Qwen Cloud credentials were refused or have expired. Sign in again.');
  }
}

/** A message that says what went wrong in the user's terms and what to do next. */
export function describeError(error: unknown): string {
  if (!isQwenCloudError(error)) {
    return vscode.l10n.t('Something went wrong. The log has the details.');
  }
  switch (error.kind) {
    case 'network':
      return vscode.l10n.t('Qwen Cloud could not be reached. Check your connection or proxy settings.');
    case 'timeout':
      return vscode.l10n.t('Qwen Cloud took too long to answer. Try again in a moment.');
    case 'auth':
      return describeRefusal(authReasonOf(error), error.message);
    case 'rateLimited':
      return error instanceof RateLimitedError && error.retryAt !== undefined
        ? vscode.l10n.t('Qwen Cloud is limiting requests until {0}. The extension tries again after that.', formatTime(error.retryAt, error.retryAt, vscode.env.language))
        : vscode.l10n.t('Qwen Cloud is limiting requests. The extension will try again later.');
    case 'server':
      return vscode.l10n.t('Qwen Cloud reported an error. Try again later.');
    case 'shape':
      return vscode.l10n.t('Qwen Cloud sent an answer this version does not understand. The log has the details.');
    case 'unsupported':
      return vscode.l10n.t('This action is not available for your account through the API. Use the console instead.');
    case 'cancelled':
      return vscode.l10n.t('Cancelled.');
    case 'invalidInput':
      return error.message;
    case 'notConnected':
      return vscode.l10n.t('This needs a connected Qwen Cloud account or Alibaba Cloud AccessKey.');
  }
}

/**
 * Registers a command that logs failures and tells the user, with a "Show Log" button, instead of letting
 * an exception vanish. Cancellation is silent.
 */
export function registerCommand(
  id: string,
  log: Logger,
  handler: (...args: never[]) => unknown,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await (handler as (...a: unknown[]) => unknown)(...args);
    } catch (error) {
      if (hasKind(error, 'cancelled')) {
        return undefined;
      }
      log.error(`Command ${id} failed`, error);
      const showLog = vscode.l10n.t('Show Log');
      void vscode.window.showErrorMessage(describeError(error), showLog).then((choice) => {
        if (choice === showLog) {
          void vscode.commands.executeCommand(Commands.showLog);
        }
      });
      return undefined;
    }
  });
}
