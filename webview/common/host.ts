// The webview's side of the channel to the extension host: typed posts, checked incoming messages, and
// the state VS Code keeps for the panel across reloads.
import * as l10n from '@vscode/l10n';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface HostChannel<Out> {
  post(message: Out): void;
  /** What `saveState` stored before the panel was last hidden or VS Code reloaded. */
  savedState(): unknown;
  saveState(state: unknown): void;
}

/**
 * Connects to the host: every message is checked with `isMessage` before `onMessage` sees it, and
 * `ready` goes out once the listener is in place, so the host never posts into the void.
 */
export function connect<In, Out extends { readonly type: string }>(
  isMessage: (value: unknown) => value is In,
  onMessage: (message: In) => void,
): HostChannel<Out> {
  const api = acquireVsCodeApi();
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (!isMessage(event.data)) {
      console.warn('Ignored a message of unknown shape from the extension host.');
      return;
    }
    onMessage(event.data);
  });
  const channel: HostChannel<Out> = {
    post: (message) => api.postMessage(message),
    savedState: () => api.getState(),
    saveState: (state) => api.setState(state),
  };
  api.postMessage({ type: 'ready' });
  return channel;
}

/** Speaks the UI language: the host hands over the bundle VS Code loaded. */
export function useL10nBundle(bundle: Record<string, string> | undefined): void {
  if (bundle) {
    l10n.config({ contents: bundle });
  }
}

/** The UI language for number and date formats. */
export function uiLocale(): string | undefined {
  const lang = document.documentElement.lang;
  return lang && lang !== 'en' ? lang : undefined;
}

/** Calls `onChange` when the user switches colour theme (VS Code swaps body classes and CSS variables). */
export function onThemeChange(onChange: () => void): void {
  const observer = new MutationObserver(() => onChange());
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
}

export function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

export function isHighContrast(): boolean {
  return document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light');
}
