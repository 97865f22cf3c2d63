// Colour arithmetic shared by the accessibility checks (WCAG 2.x formulas).
const parse = (c) => {
  const m = c.match(/rgba?\(([^)]+)\)/);
  const p = m ? m[1].split(/[\s,\/]+/).filter(Boolean).map(Number) : [0, 0, 0];
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
};
const blend = (top, bottom) => {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
};
const luminance = (rgb) => {
  const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
  return 0.2126 * f(rgb[0]) + 0.7152 * f(rgb[1]) + 0.0722 * f(rgb[2]);
};
const ratio = (a, b) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
