// Opens a page of the Qwen Cloud console in the browser, on the site and with the overrides the settings name.
import * as vscode from 'vscode';
import type { SettingsService } from '../config/settings';
import { consolePageUrl, type ConsolePage } from '../core/common/consolePages';

export type OpenConsole = (page: ConsolePage) => Thenable<boolean>;

export function consoleOpener(settings: SettingsService): OpenConsole {
  return (page) => {
    const { site, consolePages, consoleUrl } = settings.value;
    return vscode.env.openExternal(vscode.Uri.parse(consolePageUrl(page, site, consolePages, consoleUrl)));
  };
}
