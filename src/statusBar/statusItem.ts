// The lifecycle both status bar items share: the item made on the chosen side (and made again when the side
// changes, since a live item cannot move), hidden until shown, painted only when its view changed, one
// redraw timer, and what it shows read back for the integration tests. Both items redraw every minute and on
// every snapshot, so an unchanged view costs one string comparison instead of a new tooltip and a repaint.
import * as vscode from 'vscode';
import { clampDelay } from '../core/common/timers';
import type { StatusItemView } from '../core/quota/thresholds';

/** What an item shows now, as read back from VS Code's item. */
export interface ItemReading {
  /** Whether the item is in the status bar; the rest is what it last showed. */
  readonly visible: boolean;
  /** The side of the status bar it is on. */
  readonly alignment: 'left' | 'right';
  readonly text: string;
  /** The tooltip's Markdown source. */
  readonly tooltip: string;
  /** The commands the tooltip's links may run. */
  readonly trustedCommands: readonly string[];
  /** A theme colour id, such as `statusBarItem.warningBackground`. */
  readonly backgroundColor?: string;
  readonly accessibilityLabel: string;
  readonly command?: string;
}

export class StatusItem implements vscode.Disposable {
  private item: vscode.StatusBarItem | undefined;
  private painted = '';
  private shown = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly id: string,
    private readonly priority: number,
  ) {}

  /** True while the item exists (its setting has it on), shown or not. */
  get exists(): boolean {
    return this.item !== undefined;
  }

  get visible(): boolean {
    return this.shown;
  }

  /**
   * Makes the item on `side` unless it is there already; a new item is hidden until `setVisible(true)`.
   * Each side has its own id (the usual right side keeps the stable one): VS Code remembers an id's side
   * for the session and puts an item made again under that id back where it was, so moving it under the
   * same id took a reload.
   */
  place(side: 'left' | 'right', name: string): void {
    const alignment = side === 'left' ? vscode.StatusBarAlignment.Left : vscode.StatusBarAlignment.Right;
    if (this.item?.alignment === alignment) {
      return;
    }
    this.item?.dispose();
    this.item = vscode.window.createStatusBarItem(side === 'left' ? `${this.id}.left` : this.id, alignment, this.priority);
    this.item.name = name;
    this.painted = '';
    this.shown = false;
  }

  /** Takes the item out of the status bar (its setting turned it off). */
  remove(): void {
    this.item?.dispose();
    this.item = undefined;
    this.shown = false;
  }

  /** Paints `view` with `command`, unless it is what the item already shows. Tooltip links run only the commands the view names. */
  paint(view: StatusItemView, command: string): void {
    const item = this.item;
    const key = JSON.stringify([view.text, view.tooltip, view.background, view.accessibilityLabel, command]);
    if (!item || key === this.painted) {
      return;
    }
    item.text = view.text;
    const tooltip = new vscode.MarkdownString(view.tooltip, true);
    tooltip.isTrusted = { enabledCommands: [...view.linkedCommands] };
    item.tooltip = tooltip;
    item.backgroundColor = view.background ? new vscode.ThemeColor(view.background) : undefined;
    item.accessibilityInformation = { label: view.accessibilityLabel, role: 'button' };
    item.command = command;
    this.painted = key;
  }

  setVisible(visible: boolean): void {
    if (!this.item || visible === this.shown) {
      return;
    }
    this.shown = visible;
    if (visible) {
      this.item.show();
    } else {
      this.item.hide();
    }
  }

  /** Runs `redraw` once after `delayMs`, replacing any redraw already due. */
  redrawIn(delayMs: number, redraw: () => void): void {
    this.stopTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      redraw();
    }, clampDelay(delayMs));
  }

  stopTimer(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  /** What the item shows now; `undefined` while it does not exist. */
  read(): ItemReading | undefined {
    const item = this.item;
    if (!item) {
      return undefined;
    }
    const markdown = item.tooltip instanceof vscode.MarkdownString ? item.tooltip : undefined;
    const trusted = markdown && typeof markdown.isTrusted === 'object' ? (markdown.isTrusted.enabledCommands ?? []) : [];
    return {
      visible: this.shown,
      alignment: item.alignment === vscode.StatusBarAlignment.Left ? 'left' : 'right',
      text: item.text,
      tooltip: markdown ? markdown.value : typeof item.tooltip === 'string' ? item.tooltip : '',
      trustedCommands: [...trusted],
      ...(item.backgroundColor ? { backgroundColor: item.backgroundColor.id } : {}),
      accessibilityLabel: item.accessibilityInformation?.label ?? '',
      ...(item.command !== undefined ? { command: typeof item.command === 'string' ? item.command : item.command.command } : {}),
    };
  }

  dispose(): void {
    this.stopTimer();
    this.remove();
  }
}
