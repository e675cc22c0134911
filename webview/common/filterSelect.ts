// A multi-select whose face says "All" when nothing is chosen (a filter with nothing chosen filters
// nothing) and "3 selected" otherwise, in the UI language. @vscode-elements' multi-select has no option
// for its face: it always reads "0 Selected" / "N Selected", in English. This subclass draws the same face
// (its classes, so the element's own styles apply) with its own words; everything else is the element's.
import * as l10n from '@vscode/l10n';
import { html, type TemplateResult } from 'lit';
import { VscodeMultiSelect } from '@vscode-elements/elements/dist/vscode-multi-select/vscode-multi-select.js';
import { chevronDownIcon } from '@vscode-elements/elements/dist/includes/vscode-select/template-elements.js';

export const FILTER_SELECT_TAG = 'qcm-filter-select';

/** What the face of a filter reads with `count` options chosen. */
export function filterFaceText(count: number): string {
  return count === 0 ? l10n.t('All') : l10n.t('{0} selected', count);
}

export class FilterSelect extends VscodeMultiSelect {
  protected override _renderSelectFace(): TemplateResult {
    const count = this.selectedIndexes.length;
    return html`
      <div
        aria-controls="select-listbox"
        aria-haspopup="listbox"
        aria-label=${this.label || filterFaceText(count)}
        class="select-face face multiselect"
        data-testid="filter-face"
        @click=${() => this._onFaceClick()}
        .tabIndex=${this.disabled ? -1 : 0}
      >
        <span class="select-face-badge${count === 0 ? ' no-item' : ''}">${filterFaceText(count)}</span> ${chevronDownIcon}
      </div>
    `;
  }
}

if (!customElements.get(FILTER_SELECT_TAG)) {
  customElements.define(FILTER_SELECT_TAG, FilterSelect);
}

declare global {
  interface HTMLElementTagNameMap {
    'qcm-filter-select': FilterSelect;
  }
}
