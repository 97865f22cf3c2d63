// Every piece of visible text on the page whose contrast with what is behind
// it is below WCAG 2.1 AA (4.5:1, or 3:1 for large text). Disabled controls
// are exempt (WCAG 1.4.3). Returns one line per failure.
// What is painted behind `el`: its own and its ancestors' backgrounds over white.
const background = (el) => {
  const chain = [];
  for (let e = el; e; e = e.parentElement) chain.push(e);
  return chain.reverse().reduce((bg, e) => {
    const c = parse(getComputedStyle(e).backgroundColor);
    return c[3] > 0 ? blend(c, bg) : bg;
  }, [255, 255, 255, 1]);
};
const opacity = (el) => {
  let o = 1;
  for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
  return o;
};
const failures = [];
const seen = new Set();
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode;
  const el = node.parentElement;
  if (!el || seen.has(el) || !node.textContent.trim()) continue;
  seen.add(el);
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
  if (el.closest('.visually-hidden, [disabled], [aria-hidden="true"], option')) continue;
  const bg = background(el);
  const fg = parse(style.color);
  const seenFg = blend([fg[0], fg[1], fg[2], fg[3] * opacity(el)], bg);
  const size = parseFloat(style.fontSize);
  const large = size >= 24 || (Number(style.fontWeight) >= 700 && size >= 18.66);
  const needed = large ? 3 : 4.5;
  const r = ratio(seenFg, bg);
  if (r < needed) {
    failures.push(`${r.toFixed(2)} < ${needed}: "${node.textContent.trim().slice(0, 40)}" in <${el.tagName.toLowerCase()} class="${el.className}">`);
  }
}
return failures;
