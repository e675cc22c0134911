// The spending panel's state and its channel to the host: what the host sent, the view the user chose
// (kept for a reload) and the changes sent back. Views read `model`, report changes with `change`, and
// `update` draws the panel again.
import {
  DEFAULT_SPENDING_VIEW,
  isSpendingHostMessage,
  isSpendingView,
  type SpendingContent,
  type SpendingHostMessage,
  type SpendingSummary,
  type SpendingView,
  type SpendingWebviewMessage,
} from '../../src/shared/spendingProtocol';
import { connect, useL10nBundle } from '../common/host';

/** One kind of content the host sends, e.g. `ContentOf<'usage'>`. */
export type ContentOf<K extends SpendingContent['kind']> = Extract<SpendingContent, { kind: K }>;

interface Model {
  view: SpendingView;
  summary?: SpendingSummary;
  content?: SpendingContent;
  notice?: { level: 'info' | 'warning' | 'error'; message: string };
  /** The custom range as typed, before it is applied. */
  draft: { from: string; to: string; error?: string };
  showTable: boolean;
  initialised: boolean;
}

export const model: Model = { view: DEFAULT_SPENDING_VIEW, draft: { from: '', to: '' }, showTable: false, initialised: false };

// The entry point sets how the page is drawn, so the views can redraw without importing the page.
let redraw: () => void = () => undefined;

export function setRedraw(draw: () => void): void {
  redraw = draw;
}

/** Draws the panel again from `model`. */
export function update(): void {
  redraw();
}

export const channel = connect<SpendingHostMessage, SpendingWebviewMessage>(isSpendingHostMessage, onMessage);
const restored = channel.savedState();
if (typeof restored === 'object' && restored !== null && 'view' in restored && isSpendingView(restored.view)) {
  model.view = restored.view;
}

function onMessage(message: SpendingHostMessage): void {
  switch (message.type) {
    case 'init':
      useL10nBundle(message.l10n);
      model.initialised = true;
      setViewLocally(message.view);
      break;
    case 'summary':
      model.summary = message.summary;
      break;
    case 'content':
      setViewLocally(message.view);
      model.content = message.content;
      break;
    case 'notice':
      model.notice = { level: message.level, message: message.message };
      break;
  }
  update();
}

function setViewLocally(view: SpendingView): void {
  model.view = view;
  if (view.range.preset === 'custom') {
    model.draft = { from: view.range.from ?? '', to: view.range.to ?? '' };
  }
  channel.saveState({ view });
}

/** Applies a change the user made: remembered for a reload, sent to the host, which answers with data. */
export function change(patch: Partial<SpendingView>, resetPage = true): void {
  model.notice = undefined;
  model.content = { kind: 'loading' };
  changeWithoutLoading({ ...patch, ...(resetPage ? { page: 0 } : {}) });
}

/** A change that only redraws what is on screen: the host keeps the view for next time, and nothing loads. */
export function changeWithoutLoading(patch: Partial<SpendingView>): void {
  const view: SpendingView = { ...model.view, ...patch };
  setViewLocally(view);
  channel.post({ type: 'setView', view });
  update();
}
