// The focused element: its accessible name, and whether its focus outline is
// visible: drawn, at least 2px wide, and 3:1 against what is behind it (WCAG
// 2.2 1.4.11 and 2.4.7).
const el = document.activeElement;
if (!el || el === document.body) return { name: '', visible: false, why: 'nothing focused' };
// The outline is drawn outside the element, over its parent's background.
let bg = [255, 255, 255, 1];
for (let e = el.parentElement; e; e = e.parentElement) {
  const c = parse(getComputedStyle(e).backgroundColor);
  if (c[3] > 0) { bg = c; break; }
}
const style = getComputedStyle(el);
const contrast = ratio(parse(style.outlineColor), bg);
const label = el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
const name = (el.getAttribute('aria-label') || (label && label.textContent) || el.textContent || '').trim();
const width = parseFloat(style.outlineWidth);
const visible = style.outlineStyle !== 'none' && width >= 2 && contrast >= 3;
return { name, visible, why: `outline ${style.outlineStyle} ${width}px, contrast ${contrast.toFixed(2)}` };
