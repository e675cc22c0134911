// A width set through the CSS object model. The panels' Content-Security-Policy has no 'unsafe-inline'
// for styles, so a style attribute is refused, and lit's styleMap writes its first render as one: a bar
// drawn with it showed full width until its next update. Setting element.style is not an inline style
// attribute under CSP and is allowed.
import { nothing } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

class CssWidth extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) {
      throw new Error('cssWidth goes on an element, not in an attribute');
    }
  }

  render(_percent: number): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [percent]: [number]): typeof nothing {
    const clamped = Number.isFinite(percent) ? Math.min(100, Math.max(0, percent)) : 0;
    (part.element as HTMLElement).style.width = `${clamped}%`;
    return nothing;
  }
}

/** Sets the element's width to `percent` (clamped to 0–100) without a style attribute. */
export const cssWidth = directive(CssWidth);
