// The Markdown both status bar items' tooltips are written in: escaping what the text carries (names, error
// messages, translations) and the row of command links at the bottom.

/**
 * Escapes text for the tooltip's Markdown (account names, error messages, translations): emphasis,
 * links, tables, HTML and theme-icon syntax, and what would start a heading or a list.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/\$\(/g, '\\$(')
    .replace(/^(\s*)([#+-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

/** A link in a tooltip that runs a command; the item trusts only the commands its links name. */
export interface TooltipLink {
  readonly icon: string;
  readonly label: string;
  readonly command: string;
}

/** "[$(refresh) Retry](command:…) · [$(output) Show Log](command:…)". */
export function linkLine(links: readonly TooltipLink[]): string {
  return links.map((l) => `[$(${l.icon}) ${escapeMarkdown(l.label)}](command:${l.command})`).join(' · ');
}
